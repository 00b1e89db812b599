import { readLiveState } from '../aws/read-live';
import type { AwsClients } from '../aws/clients';
import type { TagSource } from '../aws/read-tags';
import { forwarderNames } from '../kinds/forwarder-function/names';
import { kindInfo } from '../kinds/registry';
import type { LiveResource } from '../model';
import type { DeclaredScope } from '../kinds/kind';
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
  // The stack's own chat forwarder is read too (never written): its destinations say which topic had
  // which chat line, so they are written back as `slack:` lines, not as a raw lambda subscription.
  const forwarder = forwarderNames(options.stack, options.region).function;
  const picks = (scope: DeclaredScope, name: string) =>
    scope === 'forwarderFunctions' ? name === forwarder : selects(options.selection, scope, name);
  const live = await readLiveState(clients, {
    stack: options.stack,
    region: options.region,
    accountId: options.accountId,
    tagSource: options.tagSource,
    declared: { logGroups: [], alarms: [], topics: [] },
    select: picks,
  });
  // The reader also returns this stack's own resources wherever they are (filters it owns by name
  // come without a read): only those the selection names are imported.
  return live.resources.filter((r) =>
    (kindInfo(r.spec.kind).declares?.(r.spec) ?? []).every(([scope, name]) => picks(scope, name)),
  );
}
