import { logAnomalyDetectorsForm } from './build';
import { logAnomalyDetectorInfo } from './kind';
import { logAnomalyDetectorLive } from './live';
import { logAnomalyDetectorUnbuild } from './unbuild';
import type { KindModule } from '../module';

/** CloudWatch Logs anomaly detectors (`logAnomalyDetectors:`): after the log groups they watch. */
export const logAnomalyDetectorModule: KindModule = {
  folder: 'log-anomaly-detector',
  kinds: {
    logAnomalyDetector: {
      info: logAnomalyDetectorInfo,
      unbuild: logAnomalyDetectorUnbuild,
      live: logAnomalyDetectorLive,
    },
  },
  forms: [logAnomalyDetectorsForm],
  // Detectors' names repeat and say nothing of what they watch: import selects one by its log group.
  scopes: { logAnomalyDetectors: 'always', anomalyDetectorLogGroups: 'logGroupPrefix' },
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
