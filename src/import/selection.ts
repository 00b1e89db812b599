import type { DeclaredScope } from '../kinds/kind';
import { SCOPE_SELECTION } from '../kinds/registry';
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

/** Whether the selection picks a name in a scope, as the scope's module says (KindModule.scopes). */
export function selects(s: Selection, scope: DeclaredScope, name: string): boolean {
  const how = SCOPE_SELECTION[scope] ?? 'never';
  switch (how) {
    case 'logGroupPrefix':
      return s.all || s.logGroupPrefixes.some((p) => name.startsWith(p));
    case 'filterLogGroup': {
      // A filter's id is its log group and name (model/ownership.ts declaredFilterId): selected with its group.
      const group = name.slice(0, Math.max(0, name.indexOf('\u0000')));
      return s.all || s.logGroupPrefixes.some((p) => group.startsWith(p));
    }
    case 'alarmPrefix':
      return s.all || s.alarmPrefixes.some((p) => name.startsWith(p));
    case 'topicName':
      return s.all || s.topics.includes(name);
    case 'always':
      return true;
    case 'onlyAll':
      return s.all;
    case 'never':
      return false;
  }
}
