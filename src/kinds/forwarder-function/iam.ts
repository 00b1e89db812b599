import type { IamScope, KindIam } from '../iam';
import { FORWARDER_PREFIX } from './names';

/** Every forwarder function's ARN in the account and region (names start with monitors-). */
export const forwarderFunctionArns = (at: IamScope) => [
  `arn:aws:lambda:${at.region}:${at.account}:function:${FORWARDER_PREFIX}*`,
];

/**
 * The chat forwarder's function: tagged, so owned writes are tied to the stack's tag; created only
 * under the name the stack's chat destinations give it.
 */
export const forwarderFunctionIam: KindIam = {
  arns: forwarderFunctionArns,
  wildcardReads: ['lambda:ListFunctions'],
  reads: ['lambda:ListTags', 'lambda:GetFunctionEventInvokeConfig'],
  ownedWrites: [
    'lambda:GetFunctionConfiguration',
    'lambda:UpdateFunctionCode',
    'lambda:UpdateFunctionConfiguration',
    'lambda:PutFunctionEventInvokeConfig',
    'lambda:DeleteFunction',
  ],
  tagging: { tag: 'lambda:TagResource', untag: 'lambda:UntagResource' },
  creates: ['lambda:CreateFunction'],
  createArns: (at) =>
    at.declared('forwarderFunctions').map((name) => `arn:aws:lambda:${at.region}:${at.account}:function:${name}`),
  limits: [
    "The chat forwarder: the apply role writes its function's code, so a compromised apply role could make that function do anything its role's boundary allows (write forwarder logs, send to forwarder queues) and send what it reads to the internet.",
  ],
};
