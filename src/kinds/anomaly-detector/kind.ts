import type { KindInfo } from '../kind';
import { anomalyDetectorIam } from './iam';
import { detectorMark, detectorName } from './names';

/**
 * Anomaly detection models: keyed by their metric and statistic (they have no name), owned through
 * the stacks' SSM records (names.ts). A change of metric or statistic is another detector; a
 * deleted model's training is lost (a new one trains again for up to two weeks).
 */
export const anomalyDetectorInfo: KindInfo<'anomalyDetector'> = {
  kind: 'anomalyDetector',
  label: 'anomaly detector',
  identity: (spec) => ({ name: detectorName(spec), nameField: 'metricName' }),
  hasHistory: true,
  deleteLoses: 'its trained model is lost; a new one must train again',
  declares: (spec) => [['anomalyDetectors', detectorMark(spec)]],
  iam: anomalyDetectorIam,
  quotas: {
    // AWS's default TPS for these calls is not published per call; CloudWatch's control-plane default.
    'CloudWatch.PutAnomalyDetector': 10,
    'CloudWatch.DeleteAnomalyDetector': 10,
    'CloudWatch.DescribeAnomalyDetectors': 10,
    'SSM.GetParametersByPath': 40,
    'SSM.PutParameter': 3,
    'SSM.DeleteParameter': 3,
  },
};

declare module '../kind' {
  interface DeclaredScopes {
    /** The anomaly detectors the files declare, by mark (names.ts). */
    anomalyDetectors: true;
  }
}
