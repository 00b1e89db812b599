import {
  OWNER_TAG,
  SENSITIVE_TAG,
  encodeSensitiveTag,
  type Diagnostic,
  type DesiredResource,
  type SourceLocation,
  type StackSettings,
  type Tags,
} from '../model';
import type { BuildContext, Reference } from '../kinds/build';
import { YAML_FORMS } from '../kinds/forms';
import { PLACEHOLDER_ACCOUNT } from '../kinds/shared/alarm-actions-build';
import type { PackDeclaration } from '../kinds/pack/declaration';
import type { RawFile } from './raw';
import type { EnvUse } from './env';
import { specPathsFor, under, type FieldTable } from './sensitive-fields';
import { deferredLocate, type PathSegment, type SourceFile } from './source';

export type { Reference };

/** What building one file produced. */
export interface BuiltFile {
  readonly resources: DesiredResource[];
  readonly references: Reference[];
  readonly diagnostics: Diagnostic[];
  readonly packs: PackDeclaration[];
}

export { PLACEHOLDER_ACCOUNT };
const MAX_TAGS = 50;
const MAX_ALARM_NAME = 255;

/**
 * Turns one validated file into normalized resources of the given stack: each section of the file
 * is built by its YAML form (kinds/forms.ts); this sets up what they share. `envUses` are where this
 * file's `${env:}` values landed and `defaultTagPaths` the stack's default tags that came from one:
 * each resource is marked sensitive in the fields they feed.
 */
export function buildFile(
  src: SourceFile,
  raw: RawFile,
  stack: StackSettings,
  envUses: readonly EnvUse[] = [],
  defaultTagPaths: readonly string[] = [],
  loopbackWebhooks = false,
): BuiltFile {
  const built: DesiredResource[] = [];
  const resources = {
    push: (r: Omit<DesiredResource, 'sensitive'>, fields: FieldTable, prefix: PathSegment[], extra: string[] = []) => {
      const tagged = 'tags' in r.spec ? defaultTagPaths : [];
      // Most resources have nothing sensitive: skip building the set (one per resource on a large stack).
      if (envUses.length === 0 && extra.length === 0 && tagged.length === 0) {
        built.push({ ...r, sensitive: [] });
        return;
      }
      const paths = envUses.flatMap((u) => {
        const rel = under(u.path, prefix);
        return rel ? specPathsFor(fields, rel) : [];
      });
      const sensitive = [...new Set([...paths, ...extra, ...tagged])].sort();
      // Recorded on the resource itself, so a later plan still knows after the file forgets.
      const spec =
        'tags' in r.spec && sensitive.length > 0
          ? { ...r.spec, tags: { ...r.spec.tags, [SENSITIVE_TAG]: encodeSensitiveTag(sensitive) } }
          : r.spec;
      built.push({ ...r, spec, sensitive });
    },
  };
  const references: Reference[] = [];
  const diagnostics: Diagnostic[] = [];
  const packs: PackDeclaration[] = [];
  // Deferred: finding a position parses the file with positions, which only a message or a plan line needs.
  const at = (path: PathSegment[]) => deferredLocate(src, path);
  const error = (code: Diagnostic['code'], message: string, location: SourceLocation) =>
    diagnostics.push({ severity: 'error', code, message, location });

  const tagsFor = (own: Record<string, string> | undefined, path: PathSegment[]): Tags => {
    const tags = { ...stack.defaultTags, ...own, [OWNER_TAG]: stack.name };
    if (Object.keys(tags).length > MAX_TAGS) {
      error(
        'LIMIT_EXCEEDED',
        `${Object.keys(tags).length} tags (with the stack's default tags and the ownership tag); AWS allows at most ${MAX_TAGS}`,
        at([...path, 'tags']),
      );
    }
    return tags;
  };

  const alarmName = (name: string, path: PathSegment[]) => {
    if (name.length > MAX_ALARM_NAME)
      error(
        'LIMIT_EXCEEDED',
        `alarm name is ${name.length} characters; AWS allows at most ${MAX_ALARM_NAME}`,
        at([...path, 'name']),
      );
  };

  const ctx: BuildContext = {
    src,
    stack,
    envUses,
    at,
    pending: (path) =>
      envUses.some((u) => u.unresolved && u.path.length === path.length && u.path.every((seg, i) => seg === path[i])),
    locateKey: (path) => deferredLocate(src, path, true),
    error,
    diagnostic: (d) => diagnostics.push(d),
    reference: (ref) => references.push(ref),
    push: resources.push,
    tagsFor,
    alarmName,
    loopbackWebhooks,
    pack: (d) => packs.push(d),
  };
  for (const form of YAML_FORMS) form.build(ctx, raw);

  return { resources: built, references, diagnostics, packs };
}
