import type { KindInfo } from '../kind';
import { logAnomalyDetectorIam } from './iam';
import { logGroupNameOf } from './names';

/**
 * Log anomaly detectors: keyed by their name (unique in the stack, not in AWS), owned by the stack's
 * tag, and identified in AWS by an ARN holding an id AWS assigns, which the reader hands over. A
 * replacement or a rename is a new detector: its learned baseline (two weeks of training) starts over.
 */
export const logAnomalyDetectorInfo: KindInfo<'logAnomalyDetector'> = {
  kind: 'logAnomalyDetector',
  label: 'log anomaly detector',
  identity: (spec) => ({ name: spec.name, nameField: 'name' }),
  hasHistory: true,
  deleteLoses: 'its learned baseline and the anomalies it found',
  renameField: 'name',
  declares: (spec) => [
    ['logAnomalyDetectors', spec.name],
    // The policy allows CreateLogAnomalyDetector on these log groups only; import selects a detector by its log group.
    ...spec.logGroupArns.flatMap((arn) => {
      const name = logGroupNameOf(arn);
      return name === undefined ? [] : [['anomalyDetectorLogGroups', name] as const];
    }),
  ],
  // Log groups written by name carry the placeholder account until it is known.
  withAccount: (spec, fix) => ({ ...spec, logGroupArns: spec.logGroupArns.map(fix) }),
  iam: logAnomalyDetectorIam,
  quotas: {
    'CloudWatchLogs.CreateLogAnomalyDetector': 5,
    'CloudWatchLogs.UpdateLogAnomalyDetector': 5,
    'CloudWatchLogs.DeleteLogAnomalyDetector': 5,
    'CloudWatchLogs.ListLogAnomalyDetectors': 5,
    'CloudWatchLogs.TagResource': 5,
    'CloudWatchLogs.UntagResource': 5,
  },
};

declare module '../kind' {
  interface DeclaredScopes {
    /** Log anomaly detectors' names: unowned ones are read for adopt. */
    logAnomalyDetectors: true;
    /** The log groups they watch: named in the IAM policy only. */
    anomalyDetectorLogGroups: true;
  }
}
