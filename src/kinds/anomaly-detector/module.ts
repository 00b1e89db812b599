import { anomalyDetectorsForm } from './build';
import { bandDetectorChecks } from './checks';
import { anomalyDetectorInfo } from './kind';
import { anomalyDetectorLive } from './live';
import { anomalyDetectorUnbuild } from './unbuild';
import type { KindModule } from '../module';

/** Anomaly detection models (`anomalyDetectors:`), owned through the stack's SSM record of them. */
export const anomalyDetectorModule: KindModule = {
  folder: 'anomaly-detector',
  kinds: { anomalyDetector: { info: anomalyDetectorInfo, unbuild: anomalyDetectorUnbuild, live: anomalyDetectorLive } },
  forms: [anomalyDetectorsForm],
  // Anomaly detection bands: the detector of the band's metric and statistic.
  checks: [bandDetectorChecks],
  // A detector has no name to select by: only --all brings in the account's detectors.
  scopes: { anomalyDetectors: 'onlyAll' },
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
