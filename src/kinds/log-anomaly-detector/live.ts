import type { KindLive } from '../live-types';
import type { LogAnomalyDetectorSpec } from './spec';

/**
 * A detector reads no metric and emits none (its anomalies are read with ListAnomalies, not as
 * CloudWatch metrics), and CloudWatch's price list has no line for it: detection runs over the log
 * group's ingested events, which the log group's ingestion price already bills. So it adds nothing
 * to the live checks or the estimate.
 */
export const logAnomalyDetectorLive: KindLive<LogAnomalyDetectorSpec> = {
  bills: () => [],
};
