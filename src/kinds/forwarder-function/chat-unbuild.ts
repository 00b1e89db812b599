/**
 * The reverse of a topic's chat lines, for `monitors import`: the stack's forwarder function holds
 * every destination (chat, webhook, mentions, place) keyed by topic, and each becomes the line a
 * person wrote, its webhook a `${env:NAME}` reference (the URL is a credential, never written).
 */
import type { ForwarderFunctionSpec } from './spec';
import { CHAT_LABEL } from './build';
import { entry, type Entry, type UnbuildContext } from '../unbuild';

/** "Name <id>" (the spec's form of a Teams mention) back to the YAML's { id, name }. */
function teamsMention(m: string): Entry {
  const at = m.lastIndexOf(' <');
  return { id: m.slice(at + 2, -1), name: m.slice(0, at) };
}

/** A key's order among the destinations of one chat on one topic ("slack@t" 1, "slack@t+2" 2, …). */
const ordinal = (key: string) => Number(/\+(\d+)$/.exec(key)?.[1] ?? 1);

/** The chat lines of one topic, in the order that gives the same keys when built again. */
export function chatEntries(fn: ForwarderFunctionSpec, topic: string, ctx: UnbuildContext): Entry[] {
  return Object.entries(fn.destinations)
    .filter(([, d]) => d.topic === topic)
    .sort(([a], [b]) => ordinal(a) - ordinal(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) =>
      entry({
        [d.chat]: ctx.secret(
          d.url,
          `${topic} ${d.chat} webhook`,
          `the ${CHAT_LABEL[d.chat]} webhook of topic ${topic}`,
        ),
        mentions:
          d.mentions.length === 0 ? undefined : d.chat === 'teams' ? d.mentions.map(teamsMention) : [...d.mentions],
        channel: d.channel,
        threadId: d.threadId,
        threadKey: d.threadKey,
      }),
    );
}
