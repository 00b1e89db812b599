import { logAnomalyDetectorHandler } from './handler';
import { logAnomalyDetectorReader } from './read';
import type { KindAws } from '../module';

/** The AWS half of this folder's module (module.ts loads it on first use). */
export const aws: KindAws = {
  handlers: { logAnomalyDetector: logAnomalyDetectorHandler },
  readers: [logAnomalyDetectorReader],
};
