import type { DeclaredScope } from '../kinds/kind';
import { MonitorsError } from '../model';

/** What `monitors import` reads: the flags' choice of log groups, alarms and topics. */
export interface Selection {
  readonly all: boolean;
  readonly logGroupPrefixes: readonly string[];
  readonly alarmPrefixes: readonly string[];
  readonly topics: readonly string[];
}

/** Refuses a selection that picks nothing, before any AWS call. */
export function checkSelection(s: Selection): void {
  const empty = (list: readonly string[]) => list.length > 0 && list.some((x) => x === '');
  if (empty(s.logGroupPrefixes) || empty(s.alarmPrefixes) || empty(s.topics))
    throw new MonitorsError('USAGE', 'an empty prefix or topic name selects everything: use --all to mean that');
  if (!s.all && s.logGroupPrefixes.length + s.alarmPrefixes.length + s.topics.length === 0)
    throw new MonitorsError(
      'USAGE',
      'import needs a selection: --log-group-prefix P, --alarm-prefix P, --topic NAME (each repeatable), or --all',
    );
}

/** Whether the selection picks a name in a scope (a metric filter: by the log group it is on). */
export function selects(s: Selection, scope: DeclaredScope, name: string): boolean {
  switch (scope) {
    case 'logGroups':
    case 'filterLogGroups':
      return s.all || s.logGroupPrefixes.some((p) => name.startsWith(p));
    case 'filters': {
      // A filter's id is its log group and name (model/ownership.ts declaredFilterId): selected with its group.
      const group = name.slice(0, Math.max(0, name.indexOf('\u0000')));
      return s.all || s.logGroupPrefixes.some((p) => group.startsWith(p));
    }
    case 'alarms':
      return s.all || s.alarmPrefixes.some((p) => name.startsWith(p));
    case 'topics':
      return s.all || s.topics.includes(name);
    case 'forwarderFunctions':
    case 'forwarderRoles':
    case 'forwarderQueues':
      // Not even with --all: a chat forwarder is made by monitors from a topic's chat lines; a console-made account has none to import.
      return false;
    case 'subscriptionFunctions':
    case 'subscriptionRoles':
      // A subscription filter's destination and role are only named in the policy, never read: the
      // filter is selected by its log group alone.
      return true;
    case 'anomalyDetectors':
      // A detector has no name to select by: only --all brings in the account's detectors.
      return s.all;
  }
}
