import type { ServicePack } from '../types';
import { arnResource, byArnId, fixed, none, recommendations } from './shared';

const functionName = (arn: string) => {
  const m = /^function:([^:]+)$/.exec(arnResource(arn));
  return m?.[1];
};

/** AWS Lambda: per function. */
export const lambda: ServicePack = {
  service: 'lambda',
  title: 'AWS Lambda',
  noun: ['function', 'functions'],
  discovery: { via: 'lambda' },
  ...byArnId(functionName, 'FunctionName'),
  iam: ['lambda:ListFunctions', 'lambda:ListTags', 'tag:GetResources'],
  recommendations: recommendations('Lambda', 'AWS/Lambda', [
    {
      key: 'Errors',
      stat: 'Sum',
      threshold: none('set it above zero, to the number of errors your application tolerates'),
      op: '>',
      period: 60,
      of: [3, 3],
      missing: 'notBreaching',
      intent: 'Invocations that end in an error (code exceptions, timeouts, out of memory).',
    },
    {
      key: 'Throttles',
      stat: 'Sum',
      threshold: fixed(0),
      op: '>',
      period: 60,
      of: [5, 5],
      missing: 'notBreaching',
      intent: 'Invocations refused because the function reached its concurrency limit, for five minutes in a row.',
      chosen: 'AWS leaves the number to you; the pack alarms on any throttling that lasts five minutes (override it)',
    },
    {
      key: 'Duration',
      stat: 'p90',
      threshold: {
        basis: 'resource',
        attribute: 'timeoutMs',
        factor: 0.8,
        rule: "80% of the function's configured timeout (read from the function each plan)",
      },
      op: '>',
      period: 60,
      of: [15, 15],
      intent: 'Invocations taking long enough to risk the timeout, for fifteen minutes in a row.',
      chosen:
        "AWS leaves the number to your latency needs; the pack reads the function's timeout instead (override it)",
    },
    {
      key: 'ConcurrentExecutions',
      stat: 'Maximum',
      threshold: none("about 90% of the function's reserved concurrency, or of the account's concurrency quota"),
      op: '>',
      period: 60,
      of: [10, 10],
      intent: 'Concurrency nearing the limit, after which invocations are throttled.',
    },
  ]),
};
