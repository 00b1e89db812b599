import { anomalyDetectorHandler } from './handler';
import { anomalyDetectorReader } from './read';
import type { KindAws } from '../module';

/** The AWS half of this folder's module (module.ts loads it on first use). */
export const aws: KindAws = {
  handlers: { anomalyDetector: anomalyDetectorHandler },
  readers: [anomalyDetectorReader],
};
