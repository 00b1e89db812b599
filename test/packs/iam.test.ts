/** The plan and apply policies gain exactly the list and tag reads of the chosen packs' services. */
import { iamPolicy } from '../../src/iam-policy';
import { SERVICES } from '../../src/kinds/pack/catalog';
import { actionsUsedBy } from '../iam/sdk-calls';

const discovery = (mode: 'plan' | 'apply', services: string[]) =>
  iamPolicy(mode, { stack: 'shop', packs: services.map((service) => ({ service })) }).Statement.find(
    (s) => s.Sid === 'MonitorsPackDiscovery',
  );

test('a stack without packs asks for no discovery reads', () => {
  expect(discovery('plan', [])).toBeUndefined();
});

test('a Lambda and an SQS pack add exactly their list and tag reads, to both roles', () => {
  for (const mode of ['plan', 'apply'] as const)
    expect(discovery(mode, ['lambda', 'sqs'])).toEqual({
      Sid: 'MonitorsPackDiscovery',
      Effect: 'Allow',
      Action: [
        'lambda:ListFunctions',
        'lambda:ListTags',
        'sqs:GetQueueAttributes',
        'sqs:ListQueueTags',
        'sqs:ListQueues',
        'tag:GetResources',
      ],
      Resource: '*',
    });
  expect(discovery('plan', ['rds'])?.Action).toEqual(['tag:GetResources']);
});

test("every call discovery makes is in some service's IAM list (so a new call cannot go unlisted)", () => {
  const calls = actionsUsedBy('kinds', (f) => f === 'discover-read.ts');
  expect(calls.size).toBeGreaterThanOrEqual(5);
  const listed = new Set(Object.values(SERVICES).flatMap((s) => s.iam));
  expect([...calls].filter((a) => !listed.has(a))).toEqual([]);
});
