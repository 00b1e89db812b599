import { OWNER_TAG } from '../../model/ownership';
import type { IamScope, KindIam } from '../iam';

const detectorArns = (at: IamScope) => [`arn:aws:logs:${at.region}:${at.account}:anomaly-detector:*`];

/** Both ARN forms of each log group the stack's detectors watch (IAM checks some calls against each). */
function watchedLogGroupArns(at: IamScope): string[] {
  return at
    .declared('anomalyDetectorLogGroups')
    .flatMap((name) => [
      `arn:aws:logs:${at.region}:${at.account}:log-group:${name}`,
      `arn:aws:logs:${at.region}:${at.account}:log-group:${name}:*`,
    ]);
}

/**
 * Log anomaly detectors are tagged, so updates, deletes and re-tags are tied to the stack's tag on
 * the detector (anomaly-detector supports aws:ResourceTag). IAM authorises CreateLogAnomalyDetector
 * on the log group it watches, not on the detector (the Service Authorization Reference), with
 * aws:RequestTag: creates are allowed only on the log groups the files' detectors name, and only
 * with this stack's tag in the request. ListLogAnomalyDetectors is a listing ("*").
 */
export const logAnomalyDetectorIam: KindIam = {
  arns: detectorArns,
  wildcardReads: ['logs:ListLogAnomalyDetectors'],
  reads: ['logs:ListTagsForResource'],
  ownedWrites: ['logs:UpdateLogAnomalyDetector', 'logs:DeleteLogAnomalyDetector'],
  tagging: { tag: 'logs:TagResource', untag: 'logs:UntagResource' },
  // Adoption's first write (TagResource with the stack's tag) and the tag-on-create, on a detector no stack owns yet.
  createArns: detectorArns,
  arnScoped: {
    sid: 'MonitorsCreateLogAnomalyDetectors',
    actions: ['logs:CreateLogAnomalyDetector'],
    condition: (at) => ({ StringEquals: { [`aws:RequestTag/${OWNER_TAG}`]: at.stack } }),
    arns: watchedLogGroupArns,
  },
  limits: [
    "Log anomaly detectors' ARNs carry an id AWS assigns, not a name: adopting one (tagging it with the stack's tag) is allowed on any untagged detector of the account and region, and monitors keeps to those whose names the files declare. Creating one is allowed only on the log groups the files' detectors watch: adding one means re-printing the policy.",
  ],
};
