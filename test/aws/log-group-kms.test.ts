/**
 * Log group KMS keys change in place (AssociateKmsKey / DisassociateKmsKey). The emulator does not
 * implement either call (test/README.md), so the handler's requests are checked on a mocked client.
 */
import {
  AssociateKmsKeyCommand,
  CloudWatchLogsClient,
  DisassociateKmsKeyCommand,
  TagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { createClients } from '../../src/aws/clients';
import { HANDLERS } from '../../src/kinds';
import { OWNER_TAG, type SpecOf } from '../../src/model';

const logs = mockClient(CloudWatchLogsClient);
afterAll(() => logs.restore());

const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const group: SpecOf<'logGroup'> = { kind: 'logGroup', name: '/kms/app', tags: { [OWNER_TAG]: 'kms' } };
const ctx = {
  clients: createClients({ region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } }),
  stack: { name: 'kms', region: 'us-east-1', defaultTags: {} },
  region: 'us-east-1',
  accountId: '123456789012',
};

test('adding a key associates it; adopting tags the group before touching the key', async () => {
  logs.reset();
  logs.onAnyCommand().resolves({});
  const before = { ...group, tags: {} };
  const after = { ...group, kmsKeyId: key };
  await HANDLERS.logGroup.update(ctx, before, after, HANDLERS.logGroup.diff(before, after));
  expect(logs.calls().map((c) => c.args[0].constructor.name)).toEqual(['TagResourceCommand', 'AssociateKmsKeyCommand']);
  expect(logs.commandCalls(AssociateKmsKeyCommand)[0]?.args[0].input).toEqual({
    logGroupName: '/kms/app',
    kmsKeyId: key,
  });
  expect(logs.commandCalls(TagResourceCommand)[0]?.args[0].input.tags).toEqual({ [OWNER_TAG]: 'kms' });
});

test('removing the key disassociates it', async () => {
  logs.reset();
  logs.onAnyCommand().resolves({});
  const before = { ...group, kmsKeyId: key };
  await HANDLERS.logGroup.update(ctx, before, group, HANDLERS.logGroup.diff(before, group));
  expect(logs.commandCalls(DisassociateKmsKeyCommand).map((c) => c.args[0].input)).toEqual([
    { logGroupName: '/kms/app' },
  ]);
});
