import type { KindInfo } from '../kind';
import { forwarderFunctionIam } from './iam';

/**
 * The stack's chat forwarder in one region (a Lambda function): keyed by name, owned by tag. Every
 * destination's webhook URL is a credential, whatever the files or its tags say.
 */
export const forwarderFunctionInfo: KindInfo<'forwarderFunction'> = {
  kind: 'forwarderFunction',
  label: 'chat forwarder function',
  identity: (spec) => ({ name: spec.name, nameField: 'name' }),
  hasHistory: false,
  sensitivePaths: (spec) => Object.keys(spec.destinations).map((key) => `destinations.${key}.url`),
  arn: (key, accountId) => `arn:aws:lambda:${key.region}:${accountId}:function:${key.name}`,
  declares: (spec) => [['forwarderFunctions', spec.name]],
  // Lambda's control-plane quota is 15 requests per second per API (GetFunction's is higher).
  iam: forwarderFunctionIam,
  quotas: {
    'Lambda.CreateFunction': 15,
    'Lambda.DeleteFunction': 15,
    'Lambda.UpdateFunctionCode': 15,
    'Lambda.UpdateFunctionConfiguration': 15,
    'Lambda.GetFunctionConfiguration': 15,
    'Lambda.PutFunctionEventInvokeConfig': 15,
    'Lambda.GetFunctionEventInvokeConfig': 15,
    'Lambda.ListFunctions': 15,
    'Lambda.ListTags': 15,
    'Lambda.TagResource': 15,
    'Lambda.UntagResource': 15,
  },
};
