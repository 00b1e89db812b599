/** The planner as a pure function: desired + live in, ordered changes, notices and guards out. */
import { computePlan } from '../../src/plan/diff-plan';
import { renderText } from '../../src/render';
import {
  OWNER_TAG,
  hasChanges,
  type DesiredStack,
  type LiveResource,
  type LiveState,
  type Plan,
  type ResourceSpec,
  type SpecOf,
} from '../../src/model';

const REGION = 'us-east-1';
const owner = { [OWNER_TAG]: 'shop' };
const topicArn = `arn:aws:sns:${REGION}:123456789012:alerts`;

const topic: SpecOf<'topic'> = { kind: 'topic', name: 'alerts', fifo: false, tags: owner };
const sub = (endpoint: string): SpecOf<'subscription'> => ({
  kind: 'subscription',
  topicName: 'alerts',
  protocol: 'https',
  endpoint,
  rawMessageDelivery: false,
});
const alarm = (name: string, threshold = 1): SpecOf<'metricAlarm'> => ({
  kind: 'metricAlarm',
  name,
  metric: { namespace: 'Shop', metricName: 'Errors', dimensions: {}, period: 60, statistic: 'Sum' },
  threshold,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  treatMissingData: 'missing',
  actionsEnabled: true,
  alarmActions: [topicArn],
  okActions: [],
  insufficientDataActions: [],
  tags: owner,
});
const composite = (rule: string): SpecOf<'compositeAlarm'> => ({
  kind: 'compositeAlarm',
  name: 'both',
  rule,
  actionsEnabled: true,
  alarmActions: [topicArn],
  okActions: [],
  insufficientDataActions: [],
  tags: owner,
});

function desired(...specs: ResourceSpec[]): DesiredStack {
  return {
    settings: { name: 'shop', region: REGION, defaultTags: {} },
    resources: specs.map((spec) => ({ spec, source: { file: 'm.yaml', line: 1, column: 1 } })),
    secrets: [],
    warnings: [],
    files: ['m.yaml'],
  };
}
const owned = (spec: ResourceSpec, extra: Partial<LiveResource> = {}): LiveResource => ({
  spec,
  owned: true,
  ...extra,
});
const live = (...resources: LiveResource[]): LiveState => ({ region: REGION, accountId: '123456789012', resources });
const plan = (d: DesiredStack, l: LiveState, opts: Partial<Parameters<typeof computePlan>[2]> = {}): Plan =>
  computePlan(d, l, { adopt: true, allowMassDelete: false, maxDeleteShare: 0.5, liveFingerprint: 'f', ...opts });
const actions = (p: Plan) => p.changes.map((c) => `${c.action} ${c.key.name}`);

test('identical desired and live state is all no-ops', () => {
  const p = plan(desired(topic, alarm('a')), live(owned(topic), owned(alarm('a'))));
  expect(actions(p)).toEqual(['noop alerts', 'noop a']);
  expect(hasChanges(p)).toBe(false);
});

test('creates run parents first; deletes run children first, after everything else', () => {
  const p = plan(
    desired(composite('ALARM("a")'), alarm('a'), sub('https://hooks.example.com/x'), topic),
    live(owned(alarm('old')), owned(composite('ALARM("old")'), {}), owned(alarm('a', 5))),
  );
  // "both" exists live over "old"; desired "both" is over "a": update, not create.
  expect(actions(p)).toEqual([
    'create alerts',
    'create https:https://hooks.example.com/x',
    'update a',
    'update both',
    'delete old',
  ]);
});

test('an update lists exactly the fields that differ', () => {
  const p = plan(desired(alarm('a', 3)), live(owned(alarm('a', 1))));
  const change = p.changes[0];
  expect(change?.action).toBe('update');
  expect(change?.action === 'update' && change.diffs).toEqual([
    { path: 'threshold', before: 1, after: 3, forcesReplacement: false },
  ]);
});

test("unowned resources that are not declared are never deleted; another stack's are never touched", () => {
  const theirs = { ...alarm('theirs'), tags: { [OWNER_TAG]: 'billing' } };
  const p = plan(
    desired(alarm('theirs')),
    live({ spec: alarm('by-hand'), owned: false }, { spec: theirs, owned: false, ownerStack: 'billing' }),
  );
  expect(actions(p)).toEqual([]);
  expect(p.notices.map((n) => n.message)).toEqual([
    'metric alarm theirs is owned by stack "billing"; it is left untouched. Rename it here or remove it from that stack.',
  ]);
});

test('a declared unowned resource is adopted with its diffs, or reported when adoption is off', () => {
  const byHand: LiveResource = { spec: { ...alarm('a', 9), tags: {} }, owned: false, arn: 'arn:a' };
  const adopted = plan(desired(alarm('a')), live(byHand));
  expect(adopted.changes[0]).toMatchObject({ action: 'adopt', arn: 'arn:a' });
  expect(adopted.changes[0]?.action === 'adopt' && adopted.changes[0].diffs.map((d) => d.path)).toEqual([
    'threshold',
    'tags.monitors:stack',
  ]);
  const refused = plan(desired(alarm('a')), live(byHand), { adopt: false });
  expect(actions(refused)).toEqual([]);
  expect(refused.notices).toHaveLength(1);
});

test('a pending subscription is never deleted or re-created: SNS cannot delete it', () => {
  const pending = owned(sub('https://old.example.com'), { pendingConfirmation: true });
  const stillDeclared = plan(desired(topic, sub('https://old.example.com')), live(owned(topic), pending));
  expect(actions(stillDeclared)).toEqual(['noop alerts', 'noop https:https://old.example.com']);
  const dropped = plan(desired(topic), live(owned(topic), pending));
  expect(actions(dropped)).toEqual(['noop alerts']);
  expect(dropped.notices[0]?.message).toMatch(/pending confirmation; SNS cannot delete a pending subscription/);
});

describe('delete guards', () => {
  const four = ['a', 'b', 'c', 'd'].map((n) => owned(alarm(n)));

  test('deleting everything the stack owns is refused, and allowed with allowMassDelete', () => {
    expect(plan(desired(), live(...four)).guards).toEqual([
      expect.objectContaining({ name: 'delete-all', refused: true }),
    ]);
    expect(plan(desired(), live(...four), { allowMassDelete: true }).guards).toEqual([
      expect.objectContaining({ name: 'delete-all', refused: false }),
    ]);
  });

  test('deleting more than the allowed share is refused; at the share it is not', () => {
    const threeOfFour = plan(desired(alarm('a')), live(...four));
    expect(threeOfFour.guards).toEqual([expect.objectContaining({ name: 'mass-delete', refused: true })]);
    expect(threeOfFour.guards[0]?.message).toMatch(/deletes 3 of 4 owned resources \(75%, over the 50% limit\)/);
    expect(plan(desired(alarm('a'), alarm('b')), live(...four)).guards).toEqual([]);
    expect(plan(desired(alarm('a')), live(...four), { maxDeleteShare: 0.8 }).guards).toEqual([]);
  });

  test('small stacks are not guarded by share: deleting one of two is normal work', () => {
    expect(plan(desired(alarm('a')), live(owned(alarm('a')), owned(alarm('b')))).guards).toEqual([]);
  });
});

test('planning does not mutate its inputs', () => {
  const d = desired(alarm('a', 3));
  const l = live(owned(alarm('a', 1)));
  const before = JSON.stringify([d, l]);
  plan(d, l);
  expect(JSON.stringify([d, l])).toBe(before);
});

test('a rename is a create and a delete, and the delete says it is a rename that loses history', () => {
  const p = plan(desired(alarm('errors-v2')), live(owned(alarm('errors'))));
  expect(actions(p)).toEqual(['create errors-v2', 'delete errors']);
  const del = p.changes[1];
  expect(del?.action === 'delete' && del.reason).toBe(
    'renamed to errors-v2 in monitors/: AWS cannot rename, so the new one is created and this one deleted (its history is lost)',
  );
  const unrelated = plan(desired(alarm('errors-v2', 9)), live(owned(alarm('errors'))));
  const other = unrelated.changes[1];
  expect(other?.action === 'delete' && other.reason).toBe('no longer declared in monitors/ (its history is lost)');
});

test('messages name the stack directory the plan was made from, as given', () => {
  const p = plan(desired(topic), live(owned(topic), owned(alarm('old'))), { directory: 'stacks/prod' });
  const gone = p.changes.find((c) => c.action === 'delete');
  expect(gone?.action === 'delete' && gone.reason).toBe('no longer declared in stacks/prod/ (its history is lost)');
  const none = plan(desired(topic), live(owned(topic)), { directory: './stacks/prod/' });
  expect(renderText(none, { color: false })).toBe('No changes. Live AWS state matches ./stacks/prod/.');
});
