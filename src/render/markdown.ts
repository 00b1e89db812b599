import { countActions, hasChanges, type Change, type Diagnostic, type Plan, visible } from '../model';
import { fenceFor, mdCode, mdCodeText, mdText } from './escape';
import { ACTION_MARKER, changeLines, noChanges, redactPlan, summaryLine } from './fields';
import { sourceRef, type SourceLinks } from './source-link';
import { groupByOrigin, groupSummary } from './groups';
import { KIND_LABEL, keyLabel } from '../kinds/keys';

/** GitHub rejects comments over 65,536 characters; leave room for the marker and a footer. */
export const DEFAULT_MAX_LENGTH = 65_000;

const COLUMNS = ['create', 'update', 'replace', 'delete', 'adopt'] as const;
const COLUMN_TITLE = { create: 'add', update: 'change', replace: 'replace', delete: 'delete', adopt: 'adopt' } as const;

function summaryTable(plan: Plan): string {
  const kinds = [...new Set(plan.changes.filter((c) => c.action !== 'noop').map((c) => c.key.kind))];
  const row = (label: string, changes: readonly Change[]) =>
    `| ${label} | ${COLUMNS.map((a) => changes.filter((c) => c.action === a).length).join(' | ')} |`;
  return [
    `| kind | ${COLUMNS.map((a) => COLUMN_TITLE[a]).join(' | ')} |`,
    `|---|${COLUMNS.map(() => '---:').join('|')}|`,
    ...kinds.map((k) =>
      row(
        KIND_LABEL[k],
        plan.changes.filter((c) => c.key.kind === k),
      ),
    ),
    row('**total**', plan.changes),
  ].join('\n');
}

/** Changes of up to this many lines are shown open: a threshold change is read without a click. */
export const INLINE_MAX_LINES = 6;

function section(change: Change, links?: SourceLinks): string {
  // Inside the fence nothing is markup; `visible` keeps each value on its own line.
  const lines = changeLines(change).map((l) => `${l.sign === '~' ? '!' : l.sign} ${visible(l.text)}`);
  const fence = fenceFor(lines);
  const where = change.source ? ` · ${sourceRef(change.source, links)}` : '';
  const title = `<code>${ACTION_MARKER[change.action]} ${mdCodeText(keyLabel(change.key))}</code>${where}`;
  const diff = [`${fence}diff`, ...lines, fence];
  if (lines.length <= INLINE_MAX_LINES) return [title, '', ...diff, ''].join('\n');
  return [`<details><summary>${title}</summary>`, '', ...diff, '</details>', ''].join('\n');
}

/**
 * The plan as a pull request comment: call-outs, a summary table, then one section per resource, open
 * when short and collapsed when long, each linking to where the resource is declared. Values are
 * masked from their marks and every name, value and message is escaped, so nothing from a file or
 * from AWS becomes markup. `title` is the caller's markdown, not escaped.
 */
export function renderMarkdown(
  planIn: Plan,
  options: {
    maxLength?: number;
    fullPlanHint?: string;
    title?: string;
    /** The repository and commit to link declarations to; without it they are plain `file:line`. */
    links?: SourceLinks;
  } = {},
): string {
  const plan = redactPlan(planIn);
  const max = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const title = options.title ?? `### monitors plan: stack ${mdCode(plan.stack)} (${mdText(plan.region)})`;
  if (!hasChanges(plan)) return `${title}\n\n${mdText(noChanges(plan))}\n`;

  const head: string[] = [title, ''];
  const destructive = plan.changes.filter((c) => c.action === 'delete' || c.action === 'replace');
  if (destructive.length > 0) {
    head.push('> [!WARNING]', `> This plan deletes or replaces ${destructive.length} resource(s):`);
    for (const c of destructive)
      head.push(
        `> - ${mdCode(`${ACTION_MARKER[c.action]} ${keyLabel(c.key)}`)}: ${'reason' in c ? mdText(c.reason) : ''}`,
      );
    head.push('');
  }
  for (const g of plan.guards.filter((x) => x.refused)) head.push(`> [!CAUTION]\n> ${mdText(g.message)}`, '');
  for (const n of plan.notices) head.push(`- ${n.severity === 'warning' ? '⚠️' : 'ℹ️'} ${mdText(n.message)}`);
  if (plan.notices.length > 0) head.push('');
  head.push(`**${summaryLine(countActions(plan))}**`, '', summaryTable(plan), '');

  const headText = head.join('\n');
  // What an SLO compiles into is one entry: a collapsed section holding its alarms' sections.
  const sections = groupByOrigin(plan.changes.filter((c) => c.action !== 'noop')).map((g) => {
    const first = g.changes[0] as Change;
    if (g.origin === undefined) return section(first, options.links);
    const where = first.source ? ` · ${sourceRef(first.source, options.links)}` : '';
    const inner = g.changes.map((c) => section(c, options.links)).join('\n');
    return `<details><summary><b>${mdText(g.origin)}</b>${where}: ${mdText(groupSummary(g.changes))}</summary>\n\n${inner}\n</details>\n`;
  });
  const footerFor = (omitted: number) =>
    `\n_${omitted} more resource(s) not shown${options.fullPlanHint ? `: ${options.fullPlanHint}` : '.'}_\n`;
  const kept: string[] = [];
  let length = headText.length;
  for (const [i, s] of sections.entries()) {
    const remaining = sections.length - i - 1;
    const reserve = remaining > 0 ? footerFor(sections.length).length : 0;
    if (length + s.length + 1 + reserve > max) break;
    kept.push(s);
    length += s.length + 1;
  }
  const omitted = sections.length - kept.length;
  return `${headText}\n${kept.join('\n')}\n${omitted > 0 ? footerFor(omitted) : ''}`;
}

/** Validation errors as a pull request comment (messages never quote a secret: see load.ts). */
export function renderMarkdownErrors(diagnostics: readonly Diagnostic[], options: { title?: string } = {}): string {
  const escape = mdText;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const lines = [
    options.title ?? '### monitors: the files did not validate',
    '',
    `${errors} error(s), ${diagnostics.length - errors} warning(s). Nothing was planned or sent to AWS.`,
    '',
    '| location | severity | message |',
    '|---|---|---|',
    ...diagnostics.map(
      (d) =>
        `| ${mdCode(`${d.location.file}:${d.location.line}:${d.location.column}`)} | ${d.severity} | ${escape(d.message)} |`,
    ),
  ];
  return lines.join('\n');
}
