import {
  isSensitivePath,
  redactValue,
  unionPaths,
  type Change,
  type FieldDiff,
  type ResourceSpec,
  type SensitivePaths,
} from '../model';
import { keyOf, kindSensitivePaths } from '../kinds/keys';

/** Every sensitive path of a change: its marks plus the kind's own rule on both sides. */
export function sensitivePathsOf(change: Change): string[] {
  const before = 'before' in change ? kindSensitivePaths(change.before, change.action === 'delete') : [];
  const after = 'after' in change ? kindSensitivePaths(change.after) : [];
  return unionPaths(change.sensitive, before, after);
}

function redactSpec<S extends ResourceSpec>(spec: S, paths: SensitivePaths): S {
  const { kind, ...rest } = spec;
  return { kind, ...(redactValue(rest, paths) as object) } as S;
}

function redactDiff(d: FieldDiff, paths: SensitivePaths): FieldDiff {
  if (!isSensitivePath(paths, d.path)) return d;
  const mask = (v: unknown) => (v === undefined ? undefined : redactValue(v, ['*'], d.path));
  return { ...d, before: mask(d.before), after: mask(d.after), sensitive: true };
}

/**
 * The copy of a change every renderer works from: each sensitive value replaced by its mask before
 * any formatting, so no quoting, escaping, case folding or word diff downstream ever sees its bytes.
 * The key carries its masked label too. Apply never sees this copy.
 */
export function redactChange(change: Change): Change {
  const paths = sensitivePathsOf(change);
  if (paths.length === 0) return change;
  const spec = 'after' in change ? change.after : change.before;
  // Recomputed from every path; a label the planner masked for reasons of its own is kept.
  const fresh = keyOf(spec, change.key.region, paths);
  const key = fresh.shown || !change.key.shown ? fresh : { ...fresh, shown: change.key.shown };
  const base = { ...change, key, sensitive: paths };
  switch (base.action) {
    case 'create':
      return { ...base, after: redactSpec(base.after, paths) };
    case 'noop':
    case 'delete':
      return { ...base, before: redactSpec(base.before, paths) };
    case 'update':
    case 'adopt':
    case 'replace':
      return {
        ...base,
        before: redactSpec(base.before, paths),
        after: redactSpec(base.after, paths),
        diffs: base.diffs.map((d) => redactDiff(d, paths)),
      };
  }
}
