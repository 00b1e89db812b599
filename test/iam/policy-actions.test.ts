/**
 * The printed IAM policies cover exactly what the code calls: every SDK command the readers use is in
 * the plan policy (and nothing that writes), every command the handlers use is in the apply policy.
 * Adding a call without updating src/iam-policy.ts fails here, not in a user's pipeline.
 */
import { iamPolicy } from '../../src/iam-policy';
import { applyCalls, planCalls } from './sdk-calls';

// With a chat: the forwarder role's create is scoped to its declared name, and left out without one.
const actionsIn = (mode: 'plan' | 'apply') =>
  new Set(
    iamPolicy(mode, {
      stack: 'shop',
      declared: { forwarderRoles: ['monitors-shop-chat-eu-west-1'], anomalyDetectorLogGroups: ['/shop/app'] },
    }).Statement.flatMap((s) => [s.Action].flat()),
  );

test('the plan policy allows every read the plan makes, and no write', () => {
  const reads = planCalls();
  expect(reads.size).toBeGreaterThan(8);
  const allowed = actionsIn('plan');
  expect([...reads].filter((a) => !allowed.has(a))).toEqual([]);
  expect(
    [...allowed].filter((a) =>
      /:(Put|Create|Delete|Tag|Untag|Set|Subscribe|Unsubscribe|Associate|Disassociate)/.test(a),
    ),
  ).toEqual([]);
});

test('the apply policy allows every call the handlers make', () => {
  const writes = applyCalls();
  expect(writes.size).toBeGreaterThan(15);
  const allowed = actionsIn('apply');
  expect([...writes].filter((a) => !allowed.has(a))).toEqual([]);
});

test('tag-scoped writes are conditioned on the stack tag', () => {
  const policy = iamPolicy('apply', { stack: 'shop', region: 'eu-west-1', accountId: '123456789012' });
  const owned = policy.Statement.find((s) => s.Sid === 'MonitorsWriteOwned');
  expect(owned?.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/monitors:stack': 'shop' } });
  expect([owned?.Action].flat()).toContain('cloudwatch:DeleteAlarms');
  const create = policy.Statement.find((s) => s.Sid === 'MonitorsCreateOrAdopt');
  expect(create?.Condition).toEqual({
    StringEquals: { 'aws:RequestTag/monitors:stack': 'shop' },
    Null: { 'aws:ResourceTag/monitors:stack': 'true' },
  });
});
