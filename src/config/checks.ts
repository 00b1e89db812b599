import { CROSS_FILE_CHECKS } from '../kinds/checks';
import { kindInfo, nameSpaceOf, referenceSpace } from '../kinds/registry';
import { excerpt, type Diagnostic, type DesiredResource } from '../model';
import type { Reference } from './build';
import { didYouMean } from './suggest';
import { keyLabel, keyOf } from '../kinds/keys';

/** Checks that need every file: unique names, references that resolve, per-group limits, dead alarms. */
export function crossFileChecks(
  resources: readonly DesiredResource[],
  references: readonly Reference[],
  region: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, DesiredResource>();
  // Kinds may share one name space (metric and composite alarms do, in CloudWatch).
  // The kind's identity, not keyOf: the key's masking of sensitive names is for messages only.
  const idOf = (r: DesiredResource) => {
    const { name, parent } = kindInfo(r.spec.kind).identity(r.spec);
    return `${nameSpaceOf(r.spec.kind).id}|${parent ?? ''}|${name}`;
  };
  for (const r of resources) {
    const id = idOf(r);
    const first = seen.get(id);
    if (first) {
      const label = keyLabel(keyOf(r.spec, region, r.sensitive));
      out.push({
        severity: 'error',
        code: 'DUPLICATE_NAME',
        message: `${label} is declared twice; first at ${first.source.file}:${first.source.line}:${first.source.column}`,
        location: r.source,
      });
    } else seen.set(id, r);
  }

  // References name a name space (an alarm may be metric or composite). One index per name space,
  // built once: a lookup per reference keeps validation linear.
  const declaredNames = new Map<string, { readonly list: string[]; readonly set: Set<string> }>();
  const namesIn = (space: string) => {
    let names = declaredNames.get(space);
    if (!names) {
      const list = resources
        .filter((r) => nameSpaceOf(r.spec.kind).id === space)
        .map((r) => kindInfo(r.spec.kind).identity(r.spec).name);
      names = { list, set: new Set(list) };
      declaredNames.set(space, names);
    }
    return names;
  };
  for (const ref of references) {
    const declared = namesIn(ref.kind);
    if (!declared.set.has(ref.name)) {
      const space = referenceSpace(ref.kind);
      out.push({
        severity: 'error',
        code: 'DANGLING_REFERENCE',
        message: `${space.label} ${excerpt(ref.name)} is not declared in any file${didYouMean(ref.name, declared.list)}${space.referenceHint ?? ''}`,
        location: ref.location,
      });
    }
  }

  for (const check of CROSS_FILE_CHECKS) out.push(...check(resources));
  return out;
}
