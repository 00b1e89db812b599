/**
 * The planner's side of adoption, renames and double counting, for what the emulator cannot stage:
 * pending subscriptions on an adopted topic, more kept subscriptions than one tag holds, a live
 * filter's dimensions in another order, and the plan's own fingerprints.
 */
import { computePlan } from '../../src/plan/diff-plan';
import { fingerprintResource } from '../../src/plan/fingerprint';
import {
  OWNER_TAG,
  UNMANAGED_SUBSCRIPTIONS_TAG,
  subscriptionMark,
  unmanagedMarks,
  type DesiredStack,
  type LiveResource,
  type ResourceSpec,
  type SpecOf,
} from '../../src/model';

const REGION = 'us-east-1';
const topic = (tags: Record<string, string>): SpecOf<'topic'> => ({ kind: 'topic', name: 'alerts', fifo: false, tags });
const email = (address: string): SpecOf<'subscription'> => ({
  kind: 'subscription',
  topicName: 'alerts',
  protocol: 'email',
  endpoint: address,
  rawMessageDelivery: false,
});
const filter = (name: string, dimensions: Record<string, string> = {}): SpecOf<'metricFilter'> => ({
  kind: 'metricFilter',
  logGroupName: '/shop/app',
  filterName: name,
  filterPattern: 'ERROR',
  transformation: { metricName: 'Errors', metricNamespace: 'Shop', metricValue: '1', dimensions },
});

function desired(specs: ResourceSpec[], formerNames: string[] = []): DesiredStack {
  return {
    settings: { name: 'shop', formerNames, region: REGION, defaultTags: {} },
    resources: specs.map((spec) => ({ spec, source: { file: 'm.yaml', line: 3, column: 5 } })),
    secrets: [],
    warnings: [],
    files: ['m.yaml'],
  };
}
const plan = (d: DesiredStack, resources: LiveResource[], otherFilters: SpecOf<'metricFilter'>[] = []) =>
  computePlan(
    d,
    { region: REGION, accountId: '123456789012', resources, otherFilters },
    { adopt: true, allowMassDelete: false, maxDeleteShare: 0.5, liveFingerprint: 'x' },
  );
const subArn = (i: number) => `arn:aws:sns:${REGION}:123456789012:alerts:0000-${i}`;

test('a pending subscription on an adopted topic cannot be marked, and the plan says what will happen to it', () => {
  const p = plan(desired([topic({ [OWNER_TAG]: 'shop' })]), [
    { spec: topic({}), arn: 'arn:topic', owned: false },
    { spec: email('boss@example.com'), owned: false, pendingConfirmation: true },
  ]);
  const adopt = p.changes.find((c) => c.action === 'adopt');
  expect(adopt && 'after' in adopt && adopt.after.kind === 'topic' && adopt.after.tags).toEqual({
    [OWNER_TAG]: 'shop',
  });
  expect(p.notices.map((n) => n.message)).toEqual([
    'subscription alerts → email:boss@example.com on adopted topic alerts is not declared in monitors/ and is pending confirmation, so it cannot be marked as unmanaged: once it is confirmed, a later plan shows it as a delete. Declare it under the topic to keep it.',
  ]);
});

test('more kept subscriptions than one tag value holds spill into numbered tags, and every mark reads back', () => {
  const subs = Array.from({ length: 30 }, (_, i) => ({
    spec: email(`person-${i}@example.com`),
    arn: subArn(i),
    owned: false,
  }));
  const p = plan(desired([topic({ [OWNER_TAG]: 'shop' })]), [{ spec: topic({}), owned: false }, ...subs]);
  const adopt = p.changes.find((c) => c.action === 'adopt');
  const tags = adopt && 'after' in adopt && adopt.after.kind === 'topic' ? adopt.after.tags : {};
  expect(Object.keys(tags).sort()).toEqual([
    OWNER_TAG,
    UNMANAGED_SUBSCRIPTIONS_TAG,
    `${UNMANAGED_SUBSCRIPTIONS_TAG}-2`,
  ]);
  for (const value of Object.values(tags)) expect(value.length).toBeLessThanOrEqual(256);
  expect([...unmanagedMarks(tags)].sort()).toEqual(subs.map((s) => subscriptionMark(s.arn)).sort());
  expect(p.notices).toHaveLength(30);
});

test('an owned topic whose kept subscription was removed by hand drops its mark; nothing is deleted', () => {
  const marked = { [OWNER_TAG]: 'shop', [UNMANAGED_SUBSCRIPTIONS_TAG]: subscriptionMark(subArn(1)) };
  const p = plan(desired([topic({ [OWNER_TAG]: 'shop' })]), [{ spec: topic(marked), owned: true }]);
  expect(p.changes.map((c) => [c.action, c.key.kind])).toEqual([['update', 'topic']]);
  expect(p.notices).toEqual([]);
});

test('a live filter this stack does not own, emitting the same metric with dimensions in another order, refuses the plan', () => {
  const p = plan(
    desired([filter('monitors.shop.errors', { Host: '$.host', Route: '$.route' })]),
    [],
    [filter('hand-made', { Route: '$.route', Host: '$.host' })],
  );
  expect(p.guards.map((g) => [g.name, g.refused])).toEqual([['double-count', true]]);
  expect(p.guards[0]?.message).toContain(
    'metric filter monitors.shop.errors (m.yaml:3:5) would emit Shop/Errors{Host=$.host,Route=$.route} from log group /shop/app, which metric filter hand-made (not managed by any stack) already emits',
  );
});

test('a former name owned filter is renamed by one replace that carries the old filter fingerprint', () => {
  const old: LiveResource = { spec: filter('monitors.old-shop.errors'), owned: true, formerOwner: 'old-shop' };
  const p = plan(desired([filter('monitors.shop.errors')], ['old-shop']), [old]);
  expect(p.changes).toEqual([
    expect.objectContaining({
      action: 'replace',
      key: expect.objectContaining({ name: 'monitors.shop.errors' }),
      before: old.spec,
      seen: fingerprintResource(old),
    }),
  ]);
});

test('fingerprints differ when only the owner differs, and do not depend on key order', () => {
  const a: LiveResource = { spec: topic({ [OWNER_TAG]: 'shop', team: 'x' }), arn: 'arn:t', owned: true };
  const reordered: LiveResource = { owned: true, arn: 'arn:t', spec: topic({ team: 'x', [OWNER_TAG]: 'shop' }) };
  const other: LiveResource = {
    ...a,
    spec: topic({ [OWNER_TAG]: 'billing', team: 'x' }),
    owned: false,
    ownerStack: 'billing',
  };
  expect(fingerprintResource(reordered)).toBe(fingerprintResource(a));
  expect(fingerprintResource(other)).not.toBe(fingerprintResource(a));
});
