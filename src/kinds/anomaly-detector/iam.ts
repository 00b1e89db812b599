import type { KindIam } from '../iam';
import { DETECTOR_RECORD_ROOT, detectorRecordPath } from './names';

const recordArns = (region: string, account: string, stack: string) =>
  `arn:aws:ssm:${region}:${account}:parameter${detectorRecordPath(stack)}/*`;

/**
 * Anomaly detectors have no ARN a policy can name (the Service Authorization Reference lists no
 * resource type for PutAnomalyDetector, DeleteAnomalyDetector or DescribeAnomalyDetectors), so all
 * three are on "*". What the stack owns is in its SSM records (names.ts): both roles read every
 * stack's (a plan must see other stacks' claims), apply writes only its own, and deletes its former
 * names' records as it takes their detectors over.
 */
export const anomalyDetectorIam: KindIam = {
  wildcardReads: ['cloudwatch:DescribeAnomalyDetectors'],
  arnScoped: {
    sid: 'MonitorsAnomalyDetectors',
    actions: ['cloudwatch:DeleteAnomalyDetector', 'cloudwatch:PutAnomalyDetector'],
    arns: () => ['*'],
  },
  ownReads: [
    {
      sid: 'MonitorsPlanReadDetectorRecords',
      actions: ['ssm:GetParametersByPath'],
      arns: (at) => [`arn:aws:ssm:${at.region}:${at.account}:parameter${DETECTOR_RECORD_ROOT}`],
    },
  ],
  ownWrites: [
    {
      sid: 'MonitorsDetectorRecords',
      actions: ['ssm:DeleteParameter', 'ssm:PutParameter'],
      arns: (at) => [recordArns(at.region, at.account, at.stack)],
    },
    {
      sid: 'MonitorsFormerDetectorRecords',
      actions: ['ssm:DeleteParameter'],
      arns: (at) => at.formerNames.map((s) => recordArns(at.region, at.account, s)),
    },
  ],
  limits: [
    'Anomaly detectors cannot be tagged and IAM cannot scope them: PutAnomalyDetector/DeleteAnomalyDetector are allowed on every detector of the account, and monitors keeps to the ones its SSM records (/monitors/_anomaly-detectors/<stack>/) say it made or adopted.',
  ],
};
