/**
 * The starter rule tests of a stack's SLOs (`monitors test --scaffold-slos`): for each SLO, the three
 * scenarios of docs/slos.md (a fast burn pages, a slow burn tickets and never pages, half the budget
 * is silent), limited to the severities its policy has.
 */
import type { DesiredStack } from '../../model';
import { sloAlarmNames, sloNames } from './scenario';

/** The text of a tests/ file holding every SLO's starter scenarios, or undefined when the stack has none. */
export function sloStarterTests(stack: DesiredStack): string | undefined {
  const names = sloNames(stack);
  if (names.length === 0) return undefined;
  const declared = new Set(stack.resources.flatMap((r) => (r.spec.kind === 'compositeAlarm' ? [r.spec.name] : [])));
  const lines = [
    '# yaml-language-server: $schema=https://raw.githubusercontent.com/monitors-as-code/monitors/v1.0.0/schema/monitors-tests.schema.json',
    '#',
    '# Starter SLO scenarios written by `monitors test --scaffold-slos` (docs/slos.md): 1000 requests a',
    '# minute whose errors burn the budget at the factor given, for a while. Edit them to your policy.',
    'tests:',
  ];
  for (const slo of names) {
    const { page, ticket } = sloAlarmNames(slo);
    const pages = declared.has(page);
    const tickets = declared.has(ticket);
    if (pages)
      lines.push(
        `  - name: ${slo}, a 14.4x burn for 10 minutes pages within 5 minutes`,
        `    burn: { slo: ${slo}, factor: 14.4, for: 10m }`,
        '    expect:',
        '      slo: { pages: within 5m }',
      );
    if (tickets)
      lines.push(
        `  - name: ${slo}, a 1x burn for 2 days opens a ticket${pages ? ' and never pages' : ''}`,
        `    burn: { slo: ${slo}, factor: 1, for: 2d }`,
        '    expect:',
        `      slo: { tickets: within 2d${pages ? ', pages: never' : ''} }`,
      );
    lines.push(
      `  - name: ${slo}, a 0.5x burn is silent`,
      `    burn: { slo: ${slo}, factor: 0.5, for: 2d }`,
      '    expect:',
      `      slo: { ${[pages ? 'pages: never' : '', tickets ? 'tickets: never' : ''].filter(Boolean).join(', ')} }`,
    );
  }
  return `${lines.join('\n')}\n`;
}
