import { diffLines, diffWordsWithSpace } from 'diff';
import {
  assertNever,
  isSensitivePath,
  visible,
  type Change,
  type FieldDiff,
  type Plan,
  type ResourceKind,
  type ResourceSpec,
} from '../model';
import { redactChange } from './redact';
import { kindInfo } from '../kinds/registry';

/** The plan every renderer prints: each change already redacted (see redact.ts). */
export function redactPlan(plan: Plan): Plan {
  return { ...plan, changes: plan.changes.map(redactChange) };
}
import { formatPattern, parseFilterPattern } from '../patterns';

/** One rendered line under a change: a sign (`+`, `-`, `~`, or space) and its text. */
export interface FieldLine {
  readonly sign: '+' | '-' | '~' | ' ';
  readonly text: string;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Flattens a spec into dotted paths with scalar or array values, skipping empty and absent fields. */
export function flattenSpec(spec: ResourceSpec): [string, unknown][] {
  const out: [string, unknown][] = [];
  const walk = (prefix: string, value: unknown) => {
    if (value === undefined) return;
    if (isRecord(value)) {
      for (const key of Object.keys(value).sort()) walk(prefix ? `${prefix}.${key}` : key, value[key]);
      return;
    }
    if (Array.isArray(value) && value.length === 0) return;
    out.push([prefix, value]);
  };
  for (const [key, value] of Object.entries(spec)) if (key !== 'kind') walk(key, value);
  return out;
}

/** A value as people read it in a plan: strings quoted, lists in brackets. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value);
}

/** Long or multi-line strings (patterns, rules, policies) read better as a diff of their words. */
function isLong(value: unknown): value is string {
  return typeof value === 'string' && (value.length > 60 || value.includes('\n'));
}

function wordDiff(before: string, after: string): string {
  return diffWordsWithSpace(before, after)
    .map((part) => (part.added ? `{+${part.value}+}` : part.removed ? `[-${part.value}-]` : part.value))
    .join('');
}

/**
 * Values people read as several lines: those the kind says (a composite rule one operand per line,
 * a filter policy as indented JSON: kinds/<kind>/kind.ts), anything with newlines as is. Their
 * changes are shown as a line diff.
 */
function asLines(kind: ResourceKind, path: string, value: unknown): readonly string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const byKind = kindInfo(kind).lineFields?.[path];
  if (byKind) return byKind(value);
  return value.includes('\n') ? value.split('\n') : undefined;
}

/** Unchanged lines kept on each side of a change; longer unchanged stretches are counted, not shown. */
const CONTEXT = 3;
/** A stretch shorter than this is shown whole: saying "… 2 unchanged lines" is no shorter. */
const MIN_HIDDEN = 4;

/**
 * Keeps the changed lines, CONTEXT unchanged lines around each, and the nearest heading above each
 * change (an unindented line: a dashboard's widget, a rule's operand), so a change in a long value
 * (a dashboard of a hundred widgets) reads as its few lines and where they are.
 */
function collapseUnchanged(lines: readonly { sign: FieldLine['sign']; line: string }[]): FieldLine[] {
  const keep = lines.map((l) => l.sign !== ' ');
  lines.forEach((l, i) => {
    if (l.sign === ' ') return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(lines.length - 1, i + CONTEXT); j++) keep[j] = true;
    for (let j = i - 1; j >= 0; j--) {
      const above = lines[j] as { sign: FieldLine['sign']; line: string };
      if (above.sign === ' ' && !above.line.startsWith(' ')) {
        keep[j] = true;
        break;
      }
    }
  });
  const out: FieldLine[] = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j < lines.length && !keep[j]) j++;
    if (j - i >= MIN_HIDDEN) out.push({ sign: ' ', text: `    … ${j - i} unchanged lines` });
    else for (let k = i; k < j; k++) out.push({ sign: ' ', text: `    ${(lines[k] as { line: string }).line}` });
    if (j < lines.length) {
      const l = lines[j] as { sign: FieldLine['sign']; line: string };
      out.push({ sign: l.sign, text: `    ${l.line}` });
    }
    i = j + 1;
  }
  return out;
}

function lineDiff(d: FieldDiff, before: readonly string[], after: readonly string[], suffix: string): FieldLine[] {
  const lines: { sign: FieldLine['sign']; line: string }[] = [];
  for (const part of diffLines(`${before.join('\n')}\n`, `${after.join('\n')}\n`)) {
    const sign = part.added ? '+' : part.removed ? '-' : ' ';
    for (const line of part.value.replace(/\n$/, '').split('\n')) lines.push({ sign, line });
  }
  return [{ sign: '~', text: `${d.path}:${suffix}` }, ...collapseUnchanged(lines)];
}

// A mask is printed as is: it is not a value, and quoting it would suggest it is one.
function shownMask(value: unknown): string {
  return value === undefined ? '(none)' : String(value);
}

/** A filter-pattern change that only respaces the pattern: AWS stores the new text, matches the same. */
function sameFilterPattern(d: FieldDiff): boolean {
  if (d.path !== 'filterPattern' || typeof d.before !== 'string' || typeof d.after !== 'string') return false;
  const [before, after] = [parseFilterPattern(d.before), parseFilterPattern(d.after)];
  return before.ok && after.ok && formatPattern(before.pattern) === formatPattern(after.pattern);
}

function diffLine(kind: ResourceKind, d: FieldDiff): FieldLine[] {
  if (d.sensitive) {
    const suffix = d.forcesReplacement ? '   # forces replacement' : '';
    if (d.before === undefined) return [{ sign: '+', text: `${d.path}: ${shownMask(d.after)}${suffix}` }];
    if (d.after === undefined) return [{ sign: '-', text: `${d.path}: ${shownMask(d.before)}${suffix}` }];
    return [{ sign: '~', text: `${d.path}: ${shownMask(d.before)} → ${shownMask(d.after)} (changed)${suffix}` }];
  }
  const suffix = d.forcesReplacement
    ? '   # forces replacement'
    : sameFilterPattern(d)
      ? '   # same pattern, only spacing differs: matches the same events'
      : '';
  if (d.before === undefined) return [{ sign: '+', text: `${d.path}: ${formatValue(d.after)}${suffix}` }];
  if (d.after === undefined) return [{ sign: '-', text: `${d.path}: ${formatValue(d.before)}${suffix}` }];
  const [before, after] = [asLines(kind, d.path, d.before), asLines(kind, d.path, d.after)];
  if (before && after && (before.length > 1 || after.length > 1)) return lineDiff(d, before, after, suffix);
  if (isLong(d.before) && isLong(d.after))
    return [{ sign: '~', text: `${d.path}: ${wordDiff(d.before, d.after)}${suffix}` }];
  return [{ sign: '~', text: `${d.path}: ${formatValue(d.before)} → ${formatValue(d.after)}${suffix}` }];
}

/**
 * The lines shown under a change: all fields for a create, the differences for an update, the
 * reason for a delete. The change must be a redacted one (redactPlan).
 */
export function changeLines(change: Change): FieldLine[] {
  const paths = change.sensitive ?? [];
  switch (change.action) {
    case 'create':
      return flattenSpec(change.after).flatMap(([path, value]): FieldLine[] => {
        if (isSensitivePath(paths, path)) return [{ sign: '+', text: `${path}: ${shownMask(value)}` }];
        const lines = kindInfo(change.key.kind).linesOnCreate ? asLines(change.key.kind, path, value) : undefined;
        if (lines)
          return [
            { sign: '+', text: `${path}:` },
            ...lines.map((line) => ({ sign: '+' as const, text: `    ${line}` })),
          ];
        return [{ sign: '+', text: `${path}: ${formatValue(value)}` }];
      });
    case 'update':
    case 'adopt':
      return change.diffs.flatMap((d) => diffLine(change.key.kind, d));
    case 'replace':
      return [...change.diffs.flatMap((d) => diffLine(change.key.kind, d)), { sign: ' ', text: `# ${change.reason}` }];
    case 'delete':
      return [{ sign: ' ', text: `# ${change.reason}` }];
    case 'noop':
      return change.note ? [{ sign: ' ', text: `# ${change.note}` }] : [];
    default:
      return assertNever(change);
  }
}

/** The marker of each action, Terraform's where it has one. */
export const ACTION_MARKER: Readonly<Record<Change['action'], string>> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
  adopt: '*',
  noop: ' ',
};

/** The summary line: `Plan: 3 to add, 1 to change, 0 to replace, 1 to delete.` (adopts added when any). */
export function summaryLine(counts: Readonly<Record<Change['action'], number>>): string {
  const adopt = counts.adopt > 0 ? `, ${counts.adopt} to adopt` : '';
  return `Plan: ${counts.create} to add, ${counts.update} to change, ${counts.replace} to replace, ${counts.delete} to delete${adopt}.`;
}

/** Said when the plan has nothing to do (for a plan of the default directory). */
export const NO_CHANGES = 'No changes. Live AWS state matches monitors/.';

/** Said when the plan has nothing to do, naming the directory it was computed from. */
export function noChanges(plan: Pick<Plan, 'directory'>): string {
  return `No changes. Live AWS state matches ${visible(`${(plan.directory ?? 'monitors').replace(/\/+$/, '') || '.'}/`)}.`;
}
