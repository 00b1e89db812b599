import { OWNER_TAG } from './model';

/** An IAM policy document, as AWS reads it. */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly {
    readonly Sid: string;
    readonly Effect: 'Allow';
    readonly Action: readonly string[];
    readonly Resource: string | readonly string[];
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  }[];
}

/** Every read the plan makes: listings and tag reads, no writes. */
export const PLAN_ACTIONS: readonly string[] = [
  'sts:GetCallerIdentity',
  'cloudwatch:DescribeAlarms',
  'cloudwatch:ListTagsForResource',
  'logs:DescribeLogGroups',
  'logs:DescribeMetricFilters',
  'logs:ListTagsForResource',
  'sns:ListTopics',
  'sns:ListSubscriptions',
  // Apply finds a subscription's ARN on its topic when the plan could not know it (made in the same run).
  'sns:ListSubscriptionsByTopic',
  'sns:GetTopicAttributes',
  'sns:GetSubscriptionAttributes',
  'sns:ListTagsForResource',
  'tag:GetResources',
];

/** Writes on resources that carry the ownership tag: AWS can check the tag before it lets them through. */
const OWNED_WRITES: readonly string[] = [
  'cloudwatch:PutMetricAlarm',
  'cloudwatch:PutCompositeAlarm',
  'cloudwatch:DeleteAlarms',
  'cloudwatch:TagResource',
  'cloudwatch:UntagResource',
  'logs:DeleteLogGroup',
  'logs:PutRetentionPolicy',
  'logs:DeleteRetentionPolicy',
  'logs:AssociateKmsKey',
  'logs:DisassociateKmsKey',
  'logs:TagResource',
  'logs:UntagResource',
  'sns:DeleteTopic',
  'sns:SetTopicAttributes',
  'sns:TagResource',
  'sns:UntagResource',
];

/**
 * Writes AWS cannot scope by tag: creates (checked by the request's tags instead), metric filters
 * (untaggable; scoped by their log group), and subscription calls (authorised on the topic ARN only).
 */
const CREATE_WRITES: readonly string[] = [
  'cloudwatch:PutMetricAlarm',
  'cloudwatch:PutCompositeAlarm',
  'logs:CreateLogGroup',
  'sns:CreateTopic',
  // Adoption: the first write to an unowned resource adds the stack's tag, and only that tag.
  'cloudwatch:TagResource',
  'logs:TagResource',
  'sns:TagResource',
];
const UNSCOPED_WRITES: readonly string[] = [
  'logs:PutMetricFilter',
  'logs:DeleteMetricFilter',
  'sns:Subscribe',
  'sns:Unsubscribe',
  'sns:SetSubscriptionAttributes',
];

/** The least-privilege policy for the role that plans (read-only) or applies, scoped to one stack. */
export function iamPolicy(
  mode: 'plan' | 'apply',
  options: { stack: string; region?: string; accountId?: string },
): PolicyDocument {
  const region = options.region ?? '*';
  const account = options.accountId ?? '*';
  const read = { Sid: 'MonitorsPlanRead', Effect: 'Allow' as const, Action: PLAN_ACTIONS, Resource: '*' };
  if (mode === 'plan') return { Version: '2012-10-17', Statement: [read] };
  return {
    Version: '2012-10-17',
    Statement: [
      read,
      {
        Sid: 'MonitorsWriteOwned',
        Effect: 'Allow',
        Action: OWNED_WRITES,
        Resource: [
          `arn:aws:cloudwatch:${region}:${account}:alarm:*`,
          `arn:aws:logs:${region}:${account}:log-group:*`,
          `arn:aws:sns:${region}:${account}:*`,
        ],
        Condition: { StringEquals: { [`aws:ResourceTag/${OWNER_TAG}`]: options.stack } },
      },
      {
        Sid: 'MonitorsCreateTagged',
        Effect: 'Allow',
        Action: CREATE_WRITES,
        Resource: '*',
        Condition: { StringEquals: { [`aws:RequestTag/${OWNER_TAG}`]: options.stack } },
      },
      applyLockStatement(options.stack, region, account),
      {
        Sid: 'MonitorsFiltersAndSubscriptions',
        Effect: 'Allow',
        Action: UNSCOPED_WRITES,
        Resource: [`arn:aws:logs:${region}:${account}:log-group:*`, `arn:aws:sns:${region}:${account}:*`],
      },
    ],
  };
}

/** The apply lock (src/apply/lock.ts): one SSM parameter per stack and region, and nothing else in SSM. */
function applyLockStatement(stack: string, region: string, account: string): PolicyDocument['Statement'][number] {
  return {
    Sid: 'MonitorsApplyLock',
    Effect: 'Allow',
    Action: ['ssm:PutParameter', 'ssm:GetParameter', 'ssm:DeleteParameter'],
    Resource: `arn:aws:ssm:${region}:${account}:parameter/monitors/${stack}/${region}/lock`,
  };
}
