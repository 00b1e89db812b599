/** One formatter per chat, chosen by the destination's kind. */
import type { AlarmNotification } from '../alarm';
import type { Destination } from '../config';
import { discordMessage } from './discord';
import { googleChatMessage } from './google-chat';
import { slackMessage } from './slack';
import { teamsMessage } from './teams';
import type { ChatRequest } from './types';

export type { ChatRequest } from './types';

/** The request that carries `n` to `d`. */
export function formatFor(n: AlarmNotification, d: Destination): ChatRequest {
  switch (d.chat) {
    case 'slack':
      return slackMessage(n, d);
    case 'discord':
      return discordMessage(n, d);
    case 'teams':
      return teamsMessage(n, d);
    case 'googleChat':
      return googleChatMessage(n, d);
    default:
      return assertNever(d);
  }
}

function assertNever(x: never): never {
  throw new Error(`unknown chat ${JSON.stringify(x)}`);
}
