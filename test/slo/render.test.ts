/** The plan shows an SLO as one entry with its compiled alarms underneath, in text and in markdown. */
import { renderJson, renderMarkdown, renderText } from '../../src/render';
import type { Change } from '../../src/model';
import { alarmSpec, planOf, topicSpec } from '../render/fixtures';

const key = (kind: Change['key']['kind'], name: string) => ({ kind, region: 'us-east-1', name });
const source = { file: 'monitors/slo.yaml', line: 3, column: 5 };
const fromSlo = (name: string): Change => ({
  action: 'create',
  key: key('metricAlarm', name),
  after: alarmSpec({ name }),
  source,
  origin: 'SLO checkout',
});
// Plan order (dependencies) interleaves the SLO's alarms with others; the display groups them.
const changes: Change[] = [
  fromSlo('checkout-burn-14.4x-1h'),
  { action: 'create', key: key('topic', 'oncall'), after: topicSpec({ name: 'oncall' }), source },
  fromSlo('checkout-burn-14.4x-5m'),
  {
    action: 'update',
    key: key('metricAlarm', 'checkout-burn-6x-6h'),
    before: alarmSpec({ name: 'checkout-burn-6x-6h', threshold: 0.005 }),
    after: alarmSpec({ name: 'checkout-burn-6x-6h', threshold: 0.006 }),
    diffs: [{ path: 'threshold', before: 0.005, after: 0.006, forcesReplacement: false }],
    source,
    origin: 'SLO checkout',
    seen: 'x',
  },
];

test('text: one heading for the SLO with what happens to its alarms, the alarms indented beneath', () => {
  const lines = renderText(planOf(changes), { color: false }).split('\n');
  const heading = lines.findIndex((l) => l.startsWith('  SLO checkout'));
  expect(lines[heading]).toBe('  SLO checkout  (monitors/slo.yaml:3): 2 to create, 1 to update');
  expect(lines.filter((l) => /^ {4}\s*[+~] (metric alarm|topic)/.test(l))).toEqual([
    '      + metric alarm checkout-burn-14.4x-1h',
    '      + metric alarm checkout-burn-14.4x-5m',
    '      ~ metric alarm checkout-burn-6x-6h',
  ]);
  // The topic is its own entry, after the SLO (where its first alarm was).
  expect(lines.findIndex((l) => l.startsWith('  + topic oncall'))).toBeGreaterThan(heading);
  expect(lines).toContain('          ~ threshold: 0.005 → 0.006');
});

test('markdown: the SLO is one collapsed section holding one section per alarm', () => {
  const md = renderMarkdown(planOf(changes));
  expect(md).toContain(
    '<details><summary><b>SLO checkout</b> · monitors/slo.yaml:3: 2 to create, 1 to update</summary>',
  );
  const group = md.slice(md.indexOf('<details><summary><b>SLO checkout'));
  expect(group.match(/<code>[+~] metric alarm checkout-burn-[^<]+<\/code>/g)).toEqual([
    '<code>+ metric alarm checkout-burn-14.4x-1h</code>',
    '<code>+ metric alarm checkout-burn-14.4x-5m</code>',
    '<code>~ metric alarm checkout-burn-6x-6h</code>',
  ]);
});

test('json: each change compiled from an SLO names it; the others carry no origin', () => {
  const doc = JSON.parse(renderJson(planOf(changes))) as { changes: { name: string; origin?: string }[] };
  expect(doc.changes.map((c) => [c.name, c.origin ?? null])).toEqual([
    ['checkout-burn-14.4x-1h', 'SLO checkout'],
    ['oncall', null],
    ['checkout-burn-14.4x-5m', 'SLO checkout'],
    ['checkout-burn-6x-6h', 'SLO checkout'],
  ]);
});
