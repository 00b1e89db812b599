/**
 * The index-based passes of validation and planning give what the pairwise scans they replaced gave:
 * the spec signature agrees with deepEqual, renames are found as before (checked against the old
 * pairwise search, kept here as the reference), and references resolve by kind as before.
 */
import fc from 'fast-check';
import { crossFileChecks } from '../../src/config/checks';
import { deepEqual } from '../../src/kinds/shared/field-diff';
import { HANDLERS } from '../../src/kinds';
import type { KindHandler } from '../../src/kinds/handler';
import { signatureWithout } from '../../src/plan/signature';
import { computePlan } from '../../src/plan/diff-plan';
import {
  OWNER_TAG,
  type Change,
  type DesiredResource,
  type LiveResource,
  type ResourceKind,
  type SpecOf,
} from '../../src/model';

const REGION = 'us-east-1';
const at = { file: 'm.yaml', line: 1, column: 1 };

test('two values have one signature exactly when deepEqual finds them equal', () => {
  const leaf = fc.oneof(fc.constantFrom(undefined, null, 0, 1, '1', '', true, false), fc.integer({ min: -3, max: 3 }));
  const value = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc.array(tie('v'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('v'), { maxKeys: 3 }),
    ),
  })).v;
  fc.assert(
    fc.property(
      fc.dictionary(fc.constantFrom('x', 'y'), value),
      fc.dictionary(fc.constantFrom('x', 'y'), value),
      (a, b) => {
        expect(signatureWithout(a, []) === signatureWithout(b, [])).toBe(deepEqual(a, b));
        // The same value under another key order or with undefined entries added is the same spec.
        const shuffled = Object.fromEntries([...Object.entries(a).reverse(), ['z', undefined]]);
        expect(signatureWithout(shuffled, [])).toBe(signatureWithout(a, []));
      },
    ),
    { numRuns: 500 },
  );
});

const alarm = (name: string, threshold: number, team = 'a'): SpecOf<'metricAlarm'> => ({
  kind: 'metricAlarm',
  name,
  metric: { namespace: 'Shop', metricName: 'Errors', dimensions: {}, period: 60, statistic: 'Sum' },
  threshold,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  treatMissingData: 'missing',
  actionsEnabled: true,
  alarmActions: [],
  okActions: [],
  insufficientDataActions: [],
  tags: { [OWNER_TAG]: 'shop', team },
});

/** The pairwise search the planner used before its index: the first create differing only in name and tags. */
function renameOfByScan(changes: readonly Change[], d: Change): Change | undefined {
  if (d.action !== 'delete') return undefined;
  return changes.find(
    (c) =>
      c.action === 'create' &&
      c.key.kind === d.key.kind &&
      (HANDLERS[c.key.kind] as unknown as KindHandler<ResourceKind>)
        .diff(d.before, c.after)
        .every((x) => x.path === 'name' || x.path.startsWith('tags.')),
  );
}

test('renames found through the index are the ones the pairwise scan finds', () => {
  const spec = fc.record({
    name: fc.integer({ min: 0, max: 30 }),
    threshold: fc.integer({ min: 1, max: 4 }),
    team: fc.constantFrom('a', 'b'),
  });
  fc.assert(
    fc.property(fc.array(spec, { maxLength: 25 }), fc.array(spec, { maxLength: 25 }), (declared, live) => {
      const desired = new Map(declared.map((s) => [`new-${s.name}`, alarm(`new-${s.name}`, s.threshold, s.team)]));
      const existing = new Map(live.map((s) => [`old-${s.name}`, alarm(`old-${s.name}`, s.threshold, s.team)]));
      const plan = computePlan(
        {
          settings: { name: 'shop', region: REGION, defaultTags: {} },
          resources: [...desired.values()].map((s) => ({ spec: s, source: at })),
          secrets: [],
          warnings: [],
          files: ['m.yaml'],
        },
        {
          region: REGION,
          accountId: '123456789012',
          resources: [...existing.values()].map((s): LiveResource => ({ spec: s, arn: `arn:${s.name}`, owned: true })),
        },
        { adopt: true, allowMassDelete: true, maxDeleteShare: 1, liveFingerprint: 'x' },
      );
      // The planner searched its changes in the order the files declare them, before ordering the plan.
      const declaredOrder = [...desired.keys()];
      const creates = plan.changes
        .filter((c) => c.action === 'create')
        .sort((a, b) => declaredOrder.indexOf(a.key.name) - declaredOrder.indexOf(b.key.name));
      for (const d of plan.changes.filter((c) => c.action === 'delete')) {
        const expected = renameOfByScan(creates, d);
        const reason = d.action === 'delete' ? d.reason : '';
        if (expected && expected.action === 'create')
          expect(reason).toMatch(
            new RegExp(`^renamed to ${expected.after.kind === 'metricAlarm' ? expected.after.name : ''} `),
          );
        else expect(reason).not.toMatch(/^renamed/);
      }
    }),
    { numRuns: 200 },
  );
});

test('references resolve by kind through the name index, with the same suggestions as before', () => {
  const r = (spec: DesiredResource['spec']): DesiredResource => ({ spec, source: at });
  const resources = [
    r({ kind: 'logGroup', name: '/shop/app', retentionInDays: 7, tags: {} } as SpecOf<'logGroup'>),
    r({ kind: 'topic', name: 'alerts', fifo: false, tags: {} }),
    r(alarm('errors', 1)),
    r({
      kind: 'compositeAlarm',
      name: 'both',
      rule: 'ALARM("errors")',
      actionsEnabled: true,
      alarmActions: [],
      okActions: [],
      insufficientDataActions: [],
      tags: {},
    }),
  ];
  const ref = (kind: 'logGroup' | 'topic' | 'alarm', name: string, line: number) => ({
    kind,
    name,
    location: { ...at, line },
  });
  const out = crossFileChecks(
    resources,
    [
      ref('logGroup', '/shop/app', 1),
      ref('topic', 'alerts', 2),
      ref('alarm', 'errors', 3),
      ref('alarm', 'both', 4),
      ref('topic', 'errors', 5), // an alarm's name is no topic
      ref('alarm', 'erors', 6),
      ref('logGroup', '/shop/ap', 7),
    ],
    REGION,
  ).filter((d) => d.code === 'DANGLING_REFERENCE' && d.severity === 'error');
  expect(out.map((d) => [d.location.line, d.message])).toEqual([
    [5, 'topic "errors" is not declared in any file (or give a full ARN)'],
    [6, 'alarm "erors" is not declared in any file; did you mean "errors"?'],
    [7, 'log group "/shop/ap" is not declared in any file; did you mean "/shop/app"?'],
  ]);
});
