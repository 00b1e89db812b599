/**
 * Each kind declares the IAM actions of its calls in its own folder (kinds/<kind>/iam.ts); the policy
 * (src/iam-policy.ts) only assembles them. This fails when iam-policy.ts names an action a kind declares,
 * or an action of a kind's AWS service beyond the pipeline's own few.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { KINDS } from '../../src/kinds/registry';
import type { KindIam } from '../../src/kinds/iam';

const POLICY = readFileSync(path.join(__dirname, '..', '..', 'src', 'iam-policy.ts'), 'utf8');

const declaredBy = (iam: KindIam): string[] => [
  ...(iam.reads ?? []),
  ...(iam.wildcardReads ?? []),
  ...(iam.ownedWrites ?? []),
  ...(iam.creates ?? []),
  ...(iam.tagging ? [iam.tagging.tag, iam.tagging.untag] : []),
  ...(iam.arnScoped?.actions ?? []),
  ...(iam.ownReads ?? []).flatMap((s) => s.actions),
  ...(iam.ownWrites ?? []).flatMap((s) => s.actions),
];
const kindActions = new Set(Object.values(KINDS).flatMap((info) => declaredBy(info.iam)));

/** "service:Action" strings in a text (not global condition keys such as aws:TagKeys). */
const actionsIn = (text: string) =>
  [...text.matchAll(/['"`]([a-z0-9-]+:[A-Z]\w+)['"`]/g)]
    .map((m) => m[1] as string)
    .filter((a) => !a.startsWith('aws:'));

/** The pipeline's own calls, which belong to no kind: the account lookup, the tagging API, the backtest, the lock. */
const OWN = new Set([
  'sts:GetCallerIdentity',
  'tag:GetResources',
  'cloudwatch:GetMetricData',
  'cloudwatch:ListMetrics',
  'cloudwatch:PutAlarmMuteRule',
  'cloudwatch:DeleteAlarmMuteRule',
  'logs:FilterLogEvents',
  'ssm:PutParameter',
  'ssm:GetParameter',
  'ssm:DeleteParameter',
]);

test('the scan finds actions where they are (it can fail)', () => {
  expect(kindActions.size).toBeGreaterThan(20);
  expect(actionsIn("const X = ['cloudwatch:PutMetricAlarm'];")).toEqual(['cloudwatch:PutMetricAlarm']);
  expect(actionsIn(POLICY).length).toBeGreaterThan(0);
});

test('iam-policy.ts names no action a kind declares, and none but the pipeline’s own', () => {
  const named = actionsIn(POLICY);
  // The lock's SSM actions are the pipeline's own even where a kind calls them too (the adopted filters' record).
  expect(named.filter((a) => kindActions.has(a) && !OWN.has(a))).toEqual([]);
  expect(named.filter((a) => !OWN.has(a))).toEqual([]);
});

test('every kind declares IAM for its calls: at least one read', () => {
  const silent = Object.values(KINDS)
    .filter(
      (info) =>
        declaredBy({
          ...info.iam,
          ownedWrites: [],
          creates: [],
          tagging: undefined,
          arnScoped: undefined,
          ownWrites: [],
        }).length === 0,
    )
    .map((info) => info.kind);
  expect(silent).toEqual([]);
});
