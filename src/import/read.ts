import { readLiveState } from '../aws/read-live';
import type { AwsClients } from '../aws/clients';
import type { TagSource } from '../aws/read-tags';
import { kindInfo } from '../kinds/registry';
import type { LiveResource } from '../model';
import { selects, type Selection } from './selection';

/**
 * What the selection picks in the account, whoever owns it, read by the plan's own readers in the
 * same batched, paged way; nothing outside the selection is read past its listing.
 */
export async function readSelection(
  clients: AwsClients,
  options: {
    readonly stack: string;
    readonly region: string;
    readonly accountId: string;
    readonly tagSource: TagSource;
    readonly selection: Selection;
  },
): Promise<LiveResource[]> {
  const live = await readLiveState(clients, {
    stack: options.stack,
    region: options.region,
    accountId: options.accountId,
    tagSource: options.tagSource,
    declared: { logGroups: [], alarms: [], topics: [] },
    select: (scope, name) => selects(options.selection, scope, name),
  });
  // The reader also returns this stack's own resources wherever they are (filters it owns by name
  // come without a read): only those the selection names are imported.
  return live.resources.filter((r) =>
    (kindInfo(r.spec.kind).declares?.(r.spec) ?? []).every(([scope, name]) => selects(options.selection, scope, name)),
  );
}
