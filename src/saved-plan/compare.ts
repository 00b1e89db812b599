/**
 * What changed since a plan was saved, as lines people read: the files and `${env:}` values it was
 * computed from, and the live resources it read. Pure: the caller reads the files and AWS. Values
 * come from the masked records only, so a sensitive value is never shown, changed or not.
 */
import * as path from 'path';
import { isSensitivePath, visible, type SecretValue } from '../model';
import { canonicalJson } from '../model/normalize';
import { envDigest } from './digest';
import type { SavedLive, SavedPlan } from './format';
import { KIND_LABEL } from '../kinds/keys';

/** How many resources a refusal lists before it counts the rest. */
export const MAX_LISTED = 50;

/** The files and `${env:}` values that differ from those the plan was computed from. */
export async function changedInputs(
  saved: SavedPlan,
  files: readonly { readonly path: string; readonly sha256: string }[],
  secrets: readonly SecretValue[],
): Promise<string[]> {
  const out: string[] = [];
  const shown = (p: string) => visible(path.join(saved.directory, p));
  const now = new Map(files.map((f) => [f.path, f.sha256]));
  const then = new Map(saved.inputs.files.map((f) => [f.path, f.sha256]));
  for (const [p, sha] of then) {
    const current = now.get(p);
    if (current === undefined) out.push(`${shown(p)}: removed since the plan`);
    else if (current !== sha) out.push(`${shown(p)}: changed since the plan`);
  }
  for (const p of now.keys()) if (!then.has(p)) out.push(`${shown(p)}: added since the plan`);
  const values = new Map(secrets.map((s) => [s.envName, s]));
  for (const { name, digest } of saved.inputs.env) {
    const current = values.get(name);
    if (!current) out.push(`\${env:${visible(name)}}: no longer used`);
    else if ((await envDigest(saved.inputs.salt, current)) !== digest)
      out.push(`\${env:${visible(name)}}: a different value than when the plan was made (values are never shown)`);
  }
  const before = new Set(saved.inputs.env.map((e) => e.name));
  for (const name of values.keys()) if (!before.has(name)) out.push(`\${env:${visible(name)}}: newly used`);
  return out;
}

function label(r: SavedLive): string {
  return visible(`${KIND_LABEL[r.kind]} ${r.parent !== undefined ? `${r.parent} → ` : ''}${r.name}`);
}

/** A record's fields by dotted path, with ownership and ARN beside the spec's. */
function fields(r: SavedLive): Map<string, unknown> {
  const out = new Map<string, unknown>([
    ['(owner)', r.ownerStack !== undefined ? `stack ${r.ownerStack}` : r.owned ? 'this stack' : 'none'],
    ['(arn)', r.arn],
    ['(pending confirmation)', r.pendingConfirmation === true],
  ]);
  const walk = (prefix: string, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
    } else out.set(prefix, value);
  };
  walk('', r.spec);
  return out;
}

function shownValue(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value) ?? String(value);
  return visible(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** What differs between a resource as the plan read it and as it is now, field by field, masked. */
export function describeChange(then: SavedLive, now: SavedLive): string {
  const [a, b] = [fields(then), fields(now)];
  const sensitive = [...then.sensitivePaths, ...now.sensitivePaths];
  const parts: string[] = [];
  let hidden = false;
  for (const p of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const [x, y] = [a.get(p), b.get(p)];
    if (canonicalJson(x) === canonicalJson(y)) continue;
    if (isSensitivePath(sensitive, p)) hidden = true;
    else parts.push(`${visible(p)} ${shownValue(x)} → ${shownValue(y)}`);
  }
  // A sensitive field's masks look alike before and after: the digest is what saw it change.
  if (hidden || parts.length === 0) parts.push('a sensitive field changed (values are never shown)');
  return parts.join('; ');
}

/**
 * The live resources that differ from those the plan read: changed, deleted, or new in its scope.
 * `counts` says which new ones matter when `now` was read in a wider scope than the plan's.
 */
export function changedLive(
  then: readonly SavedLive[],
  now: readonly SavedLive[],
  counts: (created: SavedLive) => boolean = () => true,
): string[] {
  const current = new Map(now.map((r) => [r.id, r]));
  const before = new Set(then.map((r) => r.id));
  const out: string[] = [];
  for (const r of then) {
    const n = current.get(r.id);
    if (!n) out.push(`${label(r)}: deleted since the plan`);
    else if (n.digest !== r.digest) out.push(`${label(n)}: ${describeChange(r, n)}`);
  }
  for (const r of now) {
    if (before.has(r.id) || !counts(r)) continue;
    const owner = r.ownerStack !== undefined ? ` by stack ${visible(r.ownerStack)}` : r.owned ? '' : ' (unowned)';
    out.push(`${label(r)}: created${owner} since the plan`);
  }
  return out.length > MAX_LISTED
    ? [...out.slice(0, MAX_LISTED), `… and ${out.length - MAX_LISTED} more resource(s)`]
    : out;
}
