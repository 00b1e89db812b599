/**
 * What no emulator shows of Contributor Insights rules, on a mocked CloudWatch client: adopting a
 * hand-made rule and changing tags (moto's TagResource takes alarm ARNs only), a state change alone
 * going through Enable/DisableInsightRules, the per-name Failures of the batch calls, and the reader's
 * paging, managed rules and a definition AWS answers with other spacing. Every request is checked
 * against botocore's CloudWatch model.
 */
import {
  CloudWatchClient,
  DeleteInsightRulesCommand,
  DescribeInsightRulesCommand,
  DisableInsightRulesCommand,
  EnableInsightRulesCommand,
  PutInsightRuleCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { createClients } from '../../src/aws/clients';
import { HANDLERS } from '../../src/kinds';
import { canonicalDefinition } from '../../src/kinds/insight-rule/definition';
import { readInsightRules } from '../../src/kinds/insight-rule/read';
import { OWNER_TAG, type SpecOf } from '../../src/model';
import { checkRequest, loadModel } from '../harness/api-model';

const cw = mockClient(CloudWatchClient);
afterAll(() => cw.restore());

const RULE = {
  LogGroupNames: ['/shop/api'],
  LogFormat: 'JSON',
  Contribution: { Keys: ['$.ip'] },
  AggregateOn: 'Count',
};
const spec: SpecOf<'insightRule'> = {
  kind: 'insightRule',
  name: 'top-ips',
  enabled: true,
  definition: canonicalDefinition(RULE),
  onTransformedLogs: false,
  tags: { [OWNER_TAG]: 'shop' },
};
const clients = createClients({ region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
const ctx = {
  clients,
  stack: { name: 'shop', region: 'us-east-1', defaultTags: {} },
  region: 'us-east-1',
  accountId: '123456789012',
};
const ARN = 'arn:aws:cloudwatch:us-east-1:123456789012:insight-rule/top-ips';
const handler = HANDLERS.insightRule;

/** Each call as "Operation", with its input checked against the model. */
function sent(): string[] {
  const model = loadModel('cloudwatch');
  return cw.calls().map((c) => {
    const command = c.args[0] as { constructor: { name: string }; input: unknown };
    const operation = command.constructor.name.replace(/Command$/, '');
    expect(checkRequest(model, operation, command.input)).toEqual([]);
    return operation;
  });
}

beforeEach(() => {
  cw.reset();
  cw.onAnyCommand().resolves({});
});

test('adopting a hand-made rule tags it by its ARN first, then puts the files’ rule without Tags', async () => {
  const before = {
    ...spec,
    tags: {},
    definition: canonicalDefinition({ ...RULE, AggregateOn: 'Count', Contribution: { Keys: ['$.user'] } }),
  };
  await handler.update(ctx, before, spec, handler.diff(before, spec));
  expect(sent()).toEqual(['TagResource', 'PutInsightRule']);
  expect(cw.commandCalls(TagResourceCommand)[0]?.args[0].input).toEqual({
    ResourceARN: ARN,
    Tags: [{ Key: OWNER_TAG, Value: 'shop' }],
  });
  expect(cw.commandCalls(PutInsightRuleCommand)[0]?.args[0].input).toEqual({
    RuleName: 'top-ips',
    RuleState: 'ENABLED',
    RuleDefinition: spec.definition,
    ApplyOnTransformedLogs: false,
  });
});

test('switching onTransformedLogs alone puts the rule again, with the switch', async () => {
  const after = { ...spec, onTransformedLogs: true };
  await handler.update(ctx, spec, after, handler.diff(spec, after));
  expect(sent()).toEqual(['PutInsightRule']);
  expect(cw.commandCalls(PutInsightRuleCommand)[0]?.args[0].input.ApplyOnTransformedLogs).toBe(true);
});

test('a tag removed is untagged; nothing else is sent when only tags change', async () => {
  const before = { ...spec, tags: { ...spec.tags, team: 'a' } };
  await handler.update(ctx, before, spec, handler.diff(before, spec));
  expect(sent()).toEqual(['UntagResource']);
  expect(cw.commandCalls(UntagResourceCommand)[0]?.args[0].input).toEqual({ ResourceARN: ARN, TagKeys: ['team'] });
});

test('only the state changing goes through Disable/EnableInsightRules, not a put', async () => {
  const off = { ...spec, enabled: false };
  await handler.update(ctx, spec, off, handler.diff(spec, off));
  await handler.update(ctx, off, spec, handler.diff(off, spec));
  expect(sent()).toEqual(['DisableInsightRules', 'EnableInsightRules']);
  expect(cw.commandCalls(DisableInsightRulesCommand)[0]?.args[0].input).toEqual({ RuleNames: ['top-ips'] });
  expect(cw.commandCalls(EnableInsightRulesCommand)).toHaveLength(1);
});

test('a create sends the tags; a delete of a rule already gone is done; another failure fails the change', async () => {
  await handler.create(ctx, spec);
  expect(cw.commandCalls(PutInsightRuleCommand)[0]?.args[0].input.Tags).toEqual([{ Key: OWNER_TAG, Value: 'shop' }]);
  cw.on(DeleteInsightRulesCommand).resolves({
    Failures: [
      {
        FailureResource: 'top-ips',
        ExceptionType: 'ResourceNotFound',
        FailureCode: '404',
        FailureDescription: 'not found',
      },
    ],
  });
  await expect(handler.remove(ctx, spec)).resolves.toBeUndefined();
  cw.on(DeleteInsightRulesCommand).resolves({
    Failures: [
      {
        FailureResource: 'top-ips',
        ExceptionType: 'InvalidParameterValue',
        FailureCode: '400',
        FailureDescription: 'managed rule',
      },
    ],
  });
  await expect(handler.remove(ctx, spec)).rejects.toThrow(
    'DeleteInsightRules for Contributor Insights rule top-ips failed: InvalidParameterValue 400 managed rule',
  );
  expect(sent()).toEqual(['PutInsightRule', 'DeleteInsightRules', 'DeleteInsightRules']);
});

test('the reader follows NextToken, leaves managed rules out, and reads a definition in any spacing as the same', async () => {
  const pretty = JSON.stringify({ Schema: { Version: 1, Name: 'CloudWatchLogRule' }, ...RULE }, null, 4);
  cw.on(DescribeInsightRulesCommand)
    .resolvesOnce({
      InsightRules: [
        {
          Name: 'top-ips',
          State: 'ENABLED',
          Schema: '{"Name": "CloudWatchLogRule", "Version": 1}',
          Definition: pretty,
          ApplyOnTransformedLogs: true,
        },
        { Name: 'AWS-managed', State: 'ENABLED', Schema: '{}', Definition: '{}', ManagedRule: true },
      ],
      NextToken: 'page-2',
    })
    .resolvesOnce({
      InsightRules: [{ Name: 'paused', State: 'DISABLED', Schema: '{}', Definition: 'not json' }],
    });
  const rules = await readInsightRules(clients.cloudwatch);
  expect(rules).toEqual([
    { kind: 'insightRule', name: 'top-ips', enabled: true, definition: spec.definition, onTransformedLogs: true },
    { kind: 'insightRule', name: 'paused', enabled: false, definition: 'not json', onTransformedLogs: false },
  ]);
  expect(cw.commandCalls(DescribeInsightRulesCommand).map((c) => c.args[0].input)).toEqual([
    { MaxResults: 500, NextToken: undefined },
    { MaxResults: 500, NextToken: 'page-2' },
  ]);
  sent();
});
