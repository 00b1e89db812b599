/**
 * What the plan and apply roles need for the chat forwarder, scoped to the stack's forwarder names
 * (names.ts) and its ownership tag. Reads list every function, queue and forwarder role (the plan
 * must, to find the stack's own) but look inside only those with the forwarder prefix or path.
 */
import { OWNER_TAG } from '../../model/ownership';
import { FORWARDER_PREFIX, FORWARDER_ROLE_PATH, forwarderNames } from './names';

/** IAM's statement shape, as iam-policy.ts prints it. */
export interface ForwarderStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** Listings IAM authorises only on "*". */
export const FORWARDER_LIST_ACTIONS: readonly string[] = ['lambda:ListFunctions', 'sqs:ListQueues', 'iam:ListRoles'];

/** Reads of one forwarder resource, on the forwarder names of any stack (the plan reads before it knows the owner). */
export const FORWARDER_READ_ACTIONS: readonly string[] = [
  'lambda:ListTags',
  'lambda:GetFunctionEventInvokeConfig',
  'lambda:GetPolicy',
  'sqs:ListQueueTags',
  'sqs:GetQueueAttributes',
  'iam:ListRoleTags',
  'iam:GetRolePolicy',
];

/** The ARNs the forwarder reads are allowed on. */
export function forwarderReadResources(region: string, account: string): string[] {
  return [
    `arn:aws:lambda:${region}:${account}:function:${FORWARDER_PREFIX}*`,
    `arn:aws:sqs:${region}:${account}:${FORWARDER_PREFIX}*`,
    `arn:aws:iam::${account}:role${FORWARDER_ROLE_PATH}*`,
  ];
}

/** The apply role's statements for the stack's forwarder in `region` ("*": any region). */
export function forwarderApplyStatements(
  stack: string,
  region: string,
  account: string,
  owned: Readonly<Record<string, string | readonly string[]>>,
): ForwarderStatement[] {
  const names =
    region === '*'
      ? {
          function: `${FORWARDER_PREFIX}${stack}-chat`,
          queue: `${FORWARDER_PREFIX}${stack}-chat-failed`,
          role: `${FORWARDER_PREFIX}${stack}-chat-*`,
        }
      : forwarderNames(stack, region);
  const fn = `arn:aws:lambda:${region}:${account}:function:${names.function}`;
  const queue = `arn:aws:sqs:${region}:${account}:${names.queue}`;
  const role = `arn:aws:iam::${account}:role${FORWARDER_ROLE_PATH}${names.role}`;
  const created = { StringEquals: { [`aws:RequestTag/${OWNER_TAG}`]: stack } };
  return [
    {
      Sid: 'MonitorsForwarderCreate',
      Effect: 'Allow',
      Action: [
        'lambda:CreateFunction',
        'sqs:CreateQueue',
        'iam:CreateRole',
        'lambda:TagResource',
        'sqs:TagQueue',
        'iam:TagRole',
      ],
      Resource: [fn, queue, role],
      Condition: created,
    },
    {
      Sid: 'MonitorsForwarderWriteOwned',
      Effect: 'Allow',
      Action: [
        'lambda:GetFunctionConfiguration',
        'lambda:UpdateFunctionCode',
        'lambda:UpdateFunctionConfiguration',
        'lambda:PutFunctionEventInvokeConfig',
        'lambda:AddPermission',
        'lambda:RemovePermission',
        'lambda:DeleteFunction',
        'lambda:UntagResource',
        // The queue's address, before any other call on it (so adopting an untagged queue is refused).
        'sqs:GetQueueUrl',
        'sqs:SetQueueAttributes',
        'sqs:DeleteQueue',
        'sqs:UntagQueue',
        'iam:PutRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:UpdateAssumeRolePolicy',
        'iam:DeleteRole',
        'iam:UntagRole',
      ],
      Resource: [fn, queue, role],
      Condition: { StringEquals: owned },
    },
    {
      // Re-tagging may not hand the forwarder to another stack.
      Sid: 'MonitorsForwarderTagOwned',
      Effect: 'Allow',
      Action: ['lambda:TagResource', 'sqs:TagQueue', 'iam:TagRole'],
      Resource: [fn, queue, role],
      Condition: { StringEquals: owned, StringEqualsIfExists: { [`aws:RequestTag/${OWNER_TAG}`]: stack } },
    },
    {
      // Creating or updating the function hands it its role: only that role, only to Lambda.
      Sid: 'MonitorsForwarderPassRole',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: role,
      Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    },
  ];
}
