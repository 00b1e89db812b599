/**
 * Targets in the files: `stack.targets` (where the stack lives: accounts × regions, under aliases),
 * a resource's own `targets:` list (where it lives, when not everywhere), and `${target.name}`,
 * `${target.region}`, `${target.account}` in values. The loader builds the stack once per target
 * from a copy of each file prepared here; without `stack.targets`, nothing here changes a file.
 */
import type { Node, Pair, YAMLMap } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './yaml-lib';
import { targetLabel, type Diagnostic, type SourceLocation, type Target } from '../model';
import type { EnvUse } from './env';
import { closest } from './suggest';
import { locate, locateKey, locationOf, type SourceFile } from './source';

const TARGET_REF = /\$\{target\.([^}]*)\}/g;
const TARGET_FIELDS = ['name', 'region', 'account'] as const;
type TargetField = (typeof TARGET_FIELDS)[number];
const ACCOUNT_ID = /^[0-9]{12}$/;
/** The account in a role ARN: arn:aws:iam::<account>:role/... */
const ROLE_ACCOUNT = /^arn:aws[a-z-]*:iam::([0-9]{12}):role\//;

const error = (message: string, location: SourceLocation): Diagnostic => ({
  severity: 'error',
  code: 'TARGET',
  message,
  location,
});

interface RawTargetItem {
  name?: unknown;
  account?: unknown;
  role?: unknown;
  profile?: unknown;
  regions?: unknown;
}

/**
 * The targets `stack.targets` declares, one per alias and region, with every mistake the schema cannot
 * see (duplicate aliases, account ids, a role in another account, two aliases in one place). Items the
 * schema will refuse anyway are skipped here; their messages come from the schema.
 */
export function readTargets(
  src: SourceFile,
  stack: { readonly targets?: unknown; readonly region?: unknown },
  regionOverride: { readonly value?: string; readonly name: string },
): { readonly targets: readonly Target[]; readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (!Array.isArray(stack.targets)) return { targets: [], diagnostics };
  if (stack.region !== undefined)
    diagnostics.push(
      error(
        'stack.region and stack.targets cannot both be set: with targets, each target lists its regions',
        locate(src, ['stack', 'region']),
      ),
    );
  if (regionOverride.value !== undefined)
    diagnostics.push(
      error(
        `${regionOverride.name} ${regionOverride.value} cannot be used with stack.targets: each target lists its regions`,
        locateKey(src, ['stack', 'targets']),
      ),
    );
  const targets: Target[] = [];
  const aliases = new Map<string, SourceLocation>();
  const places = new Map<string, string>();
  (stack.targets as unknown[]).forEach((item: unknown, i) => {
    if (!item || typeof item !== 'object') return;
    const t = item as RawTargetItem;
    const at = (field: string) => locate(src, ['stack', 'targets', i, field]);
    if (typeof t.name !== 'string' || !Array.isArray(t.regions)) return;
    const first = aliases.get(t.name);
    if (first) {
      diagnostics.push(
        error(
          `target ${t.name} is declared twice; first at ${first.file}:${first.line}:${first.column}. Give each target its own name, or list both regions under one`,
          at('name'),
        ),
      );
      return;
    }
    aliases.set(t.name, at('name'));
    const account = typeof t.account === 'number' ? String(t.account) : t.account;
    if (typeof account !== 'string' || !ACCOUNT_ID.test(account)) {
      diagnostics.push(
        error(
          `target ${t.name}: account must be the 12-digit AWS account id, in quotes (e.g. '012345678901')`,
          at('account'),
        ),
      );
      return;
    }
    const role = typeof t.role === 'string' ? t.role : undefined;
    const profile = typeof t.profile === 'string' ? t.profile : undefined;
    const roleAccount = role ? ROLE_ACCOUNT.exec(role)?.[1] : undefined;
    if (roleAccount && roleAccount !== account)
      diagnostics.push(
        error(
          `target ${t.name}: the role is in account ${roleAccount}, not the target's account ${account}: assume a role in the account the monitors live in`,
          at('role'),
        ),
      );
    if (role && profile)
      diagnostics.push(
        error(`target ${t.name}: set role or profile, not both (a profile may itself assume a role)`, at('profile')),
      );
    t.regions.forEach((region: unknown, r) => {
      if (typeof region !== 'string') return;
      const place = `${account}/${region}`;
      const other = places.get(place);
      if (other !== undefined && other !== t.name) {
        diagnostics.push(
          error(
            `targets ${other} and ${t.name} both put the stack in account ${account}, ${region}: one place can hold a stack once`,
            locate(src, ['stack', 'targets', i, 'regions', r]),
          ),
        );
        return;
      }
      places.set(place, t.name as string);
      targets.push({
        name: t.name as string,
        region,
        account,
        ...(role ? { role } : {}),
        ...(profile ? { profile } : {}),
        source: at('name'),
      });
    });
  });
  return { targets, diagnostics };
}

/**
 * A file as one target sees it: the resources that name other targets removed, every `targets:`
 * list removed, `${target.*}` replaced. With `target` undefined (a stack without targets, or one
 * whose targets could not be read), uses are only checked: the file is returned as it is.
 * `aliases` is undefined when the stack declares no targets.
 */
export function fileForTarget(
  src: SourceFile,
  target: Target | undefined,
  aliases: readonly string[] | undefined,
  uses: readonly EnvUse[] = [],
): { readonly src: SourceFile; readonly uses: readonly EnvUse[]; readonly diagnostics: readonly Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (!usesTargets(src.doc.contents)) return { src, uses, diagnostics };
  /** For each section that lost items: each old index's new one (undefined: left out of this target). */
  const moved = new Map<string, (number | undefined)[]>();
  const doc = target ? (src.doc.clone() as SourceFile['doc']) : src.doc;
  const out: SourceFile = target ? { ...src, doc } : src;
  const where = (node: Node | null | undefined) => locationOf(src, node);

  // A resource's own targets list: only at the top level of each item of a section.
  if (isMap(doc.contents)) {
    for (const section of doc.contents.items) {
      if (!isPair(section) || !isSeq(section.value) || (isScalar(section.key) && section.key.value === 'stack'))
        continue;
      const seq = section.value;
      const kept: (number | undefined)[] = [];
      let next = 0;
      seq.items = seq.items.filter((item) => {
        const keep = (yes: boolean) => {
          kept.push(yes ? next++ : undefined);
          return yes;
        };
        if (!isMap(item)) return keep(true);
        const pair = item.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'targets');
        if (!pair) return keep(true);
        const names = selectedTargets(pair, aliases, where, diagnostics);
        (item as YAMLMap).items = item.items.filter((p) => p !== pair);
        return keep(!target || !names || names.includes(target.name));
      });
      if (kept.some((k, i) => k !== i)) moved.set(String((section.key as { value?: unknown }).value), kept);
    }
  }
  substitute(doc.contents, target, where, diagnostics);
  // `${env:}` uses are recorded by path: a secret must keep marking its own resource's field.
  const remapped = uses.flatMap((u): EnvUse[] => {
    const map = moved.get(String(u.path[0]));
    if (!map || typeof u.path[1] !== 'number') return [u];
    const index = map[u.path[1]];
    return index === undefined ? [] : [{ ...u, path: [u.path[0] as string, index, ...u.path.slice(2)] }];
  });
  return { src: out, uses: remapped, diagnostics };
}

/** Cheap test first: most stacks never use targets, and their files must not be copied. */
function usesTargets(node: unknown): boolean {
  if (isScalar(node)) return typeof node.value === 'string' && node.value.includes('${target.');
  if (isMap(node))
    return node.items.some(
      (p) =>
        isPair(p) && ((isScalar(p.key) && p.key.value === 'targets') || usesTargets(p.key) || usesTargets(p.value)),
    );
  if (isSeq(node)) return node.items.some(usesTargets);
  return false;
}

/** The aliases a resource's `targets:` names, or undefined when the list is unusable (reported). */
function selectedTargets(
  pair: Pair,
  aliases: readonly string[] | undefined,
  where: (node: Node | null | undefined) => SourceLocation,
  diagnostics: Diagnostic[],
): readonly string[] | undefined {
  const value = pair.value as Node | null;
  if (!aliases) {
    diagnostics.push(
      error(
        'targets: the stack declares no targets; add stack.targets (accounts and regions) or remove this list',
        where(pair.key as Node),
      ),
    );
    return undefined;
  }
  if (
    !isSeq(value) ||
    value.items.length === 0 ||
    !value.items.every((n) => isScalar(n) && typeof n.value === 'string')
  ) {
    diagnostics.push(
      error(`targets: expected a list of target names (${aliases.join(', ')})`, where(value ?? (pair.key as Node))),
    );
    return undefined;
  }
  const names: string[] = [];
  for (const n of value.items) {
    const name = String((n as { value: string }).value);
    if (!aliases.includes(name)) {
      const hint = closest(name, aliases);
      diagnostics.push(
        error(
          `unknown target ${name}${hint ? ` (did you mean ${hint}?)` : ''}; stack.targets declares ${aliases.join(', ')}`,
          where(n as Node),
        ),
      );
    } else names.push(name);
  }
  return names;
}

/** Replaces `${target.*}` in every value; a key, an unknown field or a stack without targets is reported. */
function substitute(
  node: unknown,
  target: Target | undefined,
  where: (node: Node | null | undefined) => SourceLocation,
  diagnostics: Diagnostic[],
  isKey = false,
): void {
  if (isMap(node)) {
    for (const p of node.items) {
      if (!isPair(p)) continue;
      substitute(p.key, target, where, diagnostics, true);
      substitute(p.value, target, where, diagnostics);
    }
    return;
  }
  if (isSeq(node)) {
    for (const item of node.items) substitute(item, target, where, diagnostics);
    return;
  }
  if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('${target.')) return;
  if (isKey) {
    diagnostics.push(error('a key cannot use ${target.*}: keys are names; use it in a value', where(node as Node)));
    return;
  }
  const value = node.value;
  let bad = false;
  const replaced = value.replace(TARGET_REF, (whole: string, field: string) => {
    if (!(TARGET_FIELDS as readonly string[]).includes(field)) {
      bad = true;
      diagnostics.push(
        error(
          `unknown reference ${whole}: use \${target.name}, \${target.region} or \${target.account}`,
          where(node as Node),
        ),
      );
      return whole;
    }
    if (!target) {
      bad = true;
      diagnostics.push(
        error(
          `${whole} needs stack.targets: declare the accounts and regions the stack lives in, or write the value`,
          where(node as Node),
        ),
      );
      return whole;
    }
    return target[field as TargetField];
  });
  if (!bad && target) node.value = replaced;
}

/**
 * The diagnostics of every target's pass, each once: one found in only some targets says which, so
 * a resource that is wrong in one region is not mistaken for one wrong everywhere.
 */
export function mergeTargetDiagnostics(
  passes: readonly { readonly target: Target; readonly diagnostics: readonly Diagnostic[] }[],
): Diagnostic[] {
  const seen = new Map<string, { d: Diagnostic; targets: string[] }>();
  for (const pass of passes)
    for (const d of pass.diagnostics) {
      const key = `${d.location.file}:${d.location.line}:${d.location.column}:${d.code}:${d.severity}:${d.message}`;
      const entry = seen.get(key) ?? { d, targets: [] };
      if (!entry.targets.includes(targetLabel(pass.target))) entry.targets.push(targetLabel(pass.target));
      seen.set(key, entry);
    }
  return [...seen.values()].map(({ d, targets }) =>
    targets.length === passes.length ? d : { ...d, message: `${d.message} (in target ${targets.join(', ')})` },
  );
}
