import { countActions, hasChanges, visible, type Change, type Plan } from '../model';
import { ACTION_MARKER, changeLines, noChanges, redactPlan, summaryLine } from './fields';
import { groupByOrigin, groupSummary } from './groups';
import { keyLabel } from '../kinds/keys';

const ANSI = { green: 32, yellow: 33, red: 31, magenta: 35, cyan: 36, bold: 1, dim: 2 } as const;
type Colour = keyof typeof ANSI;

const ACTION_COLOUR: Readonly<Record<Change['action'], Colour>> = {
  create: 'green',
  update: 'yellow',
  replace: 'magenta',
  delete: 'red',
  adopt: 'cyan',
  noop: 'dim',
};

const SIGN_COLOUR = { '+': 'green', '-': 'red', '~': 'yellow', ' ': 'dim' } as const;

/** Whether to colour output: NO_COLOR (any value) wins, then FORCE_COLOR, then whether it is a terminal. */
export function shouldUseColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

/**
 * The plan as a terminal reads it, in Terraform's conventions. Sensitive values are masked from
 * their marks (redactPlan) and every name or value is passed through `visible`, so nothing from a
 * file or from AWS can emit a terminal escape or a line of its own.
 */
export function renderText(planIn: Plan, options: { color: boolean }): string {
  const plan = redactPlan(planIn);
  const paint = (colour: Colour, text: string) => (options.color ? `\u001b[${ANSI[colour]}m${text}\u001b[0m` : text);
  const v = visible;
  const out: string[] = [];
  for (const guard of plan.guards.filter((g) => g.refused)) out.push(paint('red', `Error: ${v(guard.message)}`), '');
  for (const notice of plan.notices) {
    const message = v(notice.message);
    out.push(notice.severity === 'warning' ? paint('yellow', `Warning: ${message}`) : `Note: ${message}`);
  }
  if (plan.notices.length > 0) out.push('');

  const shown = plan.changes.filter((c) => c.action !== 'noop' || c.note);
  if (!hasChanges(plan)) {
    for (const c of shown) out.push(`  ${v(keyLabel(c.key))}: ${'note' in c ? v(c.note ?? '') : ''}`);
    out.push(paint('green', noChanges(plan)));
    return out.join('\n');
  }
  const used = new Set(shown.map((c) => c.action));
  const legend = (['create', 'update', 'replace', 'delete', 'adopt'] as const)
    .filter((a) => used.has(a))
    .map((a) => `${paint(ACTION_COLOUR[a], ACTION_MARKER[a])} ${a}`)
    .join(', ');
  out.push(`Stack ${v(plan.stack)} in ${v(plan.region)} (account ${v(plan.accountId)}). Symbols: ${legend}`, '');

  const where = (c: Change) => (c.source ? paint('dim', `  (${v(c.source.file)}:${c.source.line})`) : '');
  const show = (change: Change, indent: string) => {
    const marker = ACTION_MARKER[change.action].padStart(3);
    out.push(
      `${indent}${paint(ACTION_COLOUR[change.action], marker)} ${paint('bold', v(keyLabel(change.key)))}${indent ? '' : where(change)}`,
    );
    for (const line of changeLines(change))
      out.push(`${indent}      ${paint(SIGN_COLOUR[line.sign], line.sign)} ${v(line.text)}`);
    out.push('');
  };
  // What an SLO compiles into is one entry: its heading, then its alarms beneath it.
  for (const group of groupByOrigin(shown)) {
    const first = group.changes[0] as Change;
    if (group.origin === undefined) show(first, '');
    else {
      out.push(`  ${paint('bold', v(group.origin))}${where(first)}: ${groupSummary(group.changes)}`, '');
      for (const c of group.changes) show(c, '    ');
    }
  }
  out.push(paint('bold', summaryLine(countActions(plan))));
  return out.join('\n');
}
