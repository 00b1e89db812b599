import type { KindIam } from '../iam';
import { forwarderFunctionArns } from '../forwarder-function/iam';

/** Lambda authorises its resource policy's calls on the function, so the function's tag decides. */
export const forwarderPermissionIam: KindIam = {
  arns: forwarderFunctionArns,
  reads: ['lambda:GetPolicy'],
  ownedWrites: ['lambda:AddPermission', 'lambda:RemovePermission'],
};
