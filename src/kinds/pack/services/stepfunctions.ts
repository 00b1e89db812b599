import type { ServicePack } from '../types';
import { arnResource, fixed, recommendations } from './shared';

const isMachine = (arn: string) => /^stateMachine:[^:]+$/.test(arnResource(arn));

const count = (key: string, intent: string) =>
  ({
    key,
    stat: 'Sum',
    threshold: fixed(0),
    op: '>',
    period: 60,
    of: [1, 1],
    missing: 'notBreaching',
    intent,
  }) as const;

/** AWS Step Functions: per state machine. */
export const stepfunctions: ServicePack = {
  service: 'stepfunctions',
  title: 'AWS Step Functions',
  noun: ['state machine', 'state machines'],
  discovery: { via: 'tagging-api', resourceType: 'states:stateMachine' },
  dimensions: (arn) => (isMachine(arn) ? { StateMachineArn: arn } : undefined),
  name: (arn) => arnResource(arn).replace(/^stateMachine:/, ''),
  iam: ['tag:GetResources'],
  recommendations: recommendations('AWS Step Functions', 'AWS/States', [
    count('ExecutionThrottled', 'Executions throttled.'),
    count('ExecutionsAborted', 'Executions aborted.'),
    count('ExecutionsFailed', 'Executions failed.'),
    count('ExecutionsTimedOut', 'Executions timed out.'),
  ]),
};
