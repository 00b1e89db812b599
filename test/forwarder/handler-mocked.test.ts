/**
 * The forwarder function's handler where the emulator cannot show AWS's behaviour (test/README.md):
 * a role that Lambda cannot assume yet (IAM is eventually consistent), and a function left by an
 * earlier attempt whose answer was lost.
 */
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  PutFunctionEventInvokeConfigCommand,
  TagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { createClients } from '../../src/aws/clients';
import { DESTINATIONS_VAR, parseDestinations } from '../../src/forwarder/config';
import { HANDLERS } from '../../src/kinds';
import { OWNER_TAG, type SpecOf } from '../../src/model';

const lambda = mockClient(LambdaClient);
afterAll(() => lambda.restore());

const ctx = {
  clients: createClients({ region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } }),
  stack: { name: 'chatty', region: 'us-east-1', defaultTags: {} },
  region: 'us-east-1',
  accountId: '123456789012',
};
const spec: SpecOf<'forwarderFunction'> = {
  kind: 'forwarderFunction',
  name: 'monitors-chatty-chat',
  role: 'monitors-chatty-chat-us-east-1',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  codeSha256: 'x',
  timeoutSeconds: 60,
  memoryMb: 128,
  destinations: {
    'slack@alerts': {
      chat: 'slack',
      url: 'https://hooks.slack.com/services/T/B/s',
      mentions: ['here'],
      topic: 'alerts',
    },
  },
  onFailureQueue: 'monitors-chatty-chat-failed',
  maximumRetryAttempts: 2,
  tags: { [OWNER_TAG]: 'chatty' },
};
const error = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: {} });
const names = () => lambda.calls().map((c) => c.args[0].constructor.name.replace(/Command$/, ''));

beforeEach(() => {
  lambda.reset();
  lambda.on(GetFunctionConfigurationCommand).resolves({ State: 'Active', LastUpdateStatus: 'Successful' });
  lambda.onAnyCommand().resolves({});
});

test('a role Lambda cannot assume yet is waited for; the function gets its role, destinations and failure queue', async () => {
  lambda
    .on(CreateFunctionCommand)
    .rejectsOnce(
      error('InvalidParameterValueException', 'The role defined for the function cannot be assumed by Lambda.'),
    )
    .resolves({});
  lambda.on(GetFunctionConfigurationCommand).resolves({ State: 'Active', LastUpdateStatus: 'Successful' });
  const arn = await HANDLERS.forwarderFunction.create(ctx, spec);
  expect(arn).toBe('arn:aws:lambda:us-east-1:123456789012:function:monitors-chatty-chat');
  expect(names()).toEqual([
    'CreateFunction',
    'CreateFunction',
    'GetFunctionConfiguration',
    'PutFunctionEventInvokeConfig',
  ]);
  const input = lambda.commandCalls(CreateFunctionCommand)[1]?.args[0].input;
  expect(input?.Role).toBe('arn:aws:iam::123456789012:role/monitors/monitors-chatty-chat-us-east-1');
  expect(input?.Tags).toEqual({ [OWNER_TAG]: 'chatty' });
  // The environment is what the function parses: one Slack destination for the topic alerts.
  expect(parseDestinations(input?.Environment?.Variables?.[DESTINATIONS_VAR])).toEqual([
    {
      chat: 'slack',
      url: 'https://hooks.slack.com/services/T/B/s',
      mentions: ['here'],
      channel: undefined,
      topics: ['alerts'],
    },
  ]);
  expect(lambda.commandCalls(PutFunctionEventInvokeConfigCommand)[0]?.args[0].input).toEqual({
    FunctionName: 'monitors-chatty-chat',
    MaximumRetryAttempts: 2,
    DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:monitors-chatty-chat-failed' } },
  });
}, 20_000);

test('any other invalid parameter fails at once', async () => {
  lambda.on(CreateFunctionCommand).rejects(error('InvalidParameterValueException', 'Unsupported runtime'));
  await expect(HANDLERS.forwarderFunction.create(ctx, spec)).rejects.toThrow('Unsupported runtime');
  expect(names()).toEqual(['CreateFunction']);
});

test('a function an earlier attempt created is brought to the spec instead of failing', async () => {
  lambda.on(CreateFunctionCommand).rejects(error('ResourceConflictException', 'Function already exist'));
  await HANDLERS.forwarderFunction.create(ctx, spec);
  expect(lambda.commandCalls(UpdateFunctionCodeCommand)).toHaveLength(1);
  expect(lambda.commandCalls(UpdateFunctionConfigurationCommand)).toHaveLength(1);
  expect(lambda.commandCalls(TagResourceCommand)[0]?.args[0].input.Tags).toEqual({ [OWNER_TAG]: 'chatty' });
  expect(lambda.commandCalls(PutFunctionEventInvokeConfigCommand)).toHaveLength(1);
});

test('a code change updates the code only; a destination change the configuration only', async () => {
  await HANDLERS.forwarderFunction.update(ctx, { ...spec, codeSha256: 'old' }, spec, []);
  expect(names().filter((n) => n.startsWith('Update'))).toEqual(['UpdateFunctionCode']);
  lambda.resetHistory();
  const moved = { ...spec, destinations: { 'slack@alerts': { ...spec.destinations['slack@alerts']!, mentions: [] } } };
  await HANDLERS.forwarderFunction.update(ctx, spec, moved, []);
  expect(names().filter((n) => n.startsWith('Update'))).toEqual(['UpdateFunctionConfiguration']);
});
