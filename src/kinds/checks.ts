import { chatWebhookWarnings } from './subscription/chat-webhooks';
import { forwarderEnvironmentSize } from './forwarder-function/checks';
import type { DesiredResource, Diagnostic } from '../model';
import { unfedAlarmWarnings } from './metric-alarm/checks';
import { doubleCounts, filterQuotaChecks } from './metric-filter/checks';
import { silentAlarmWarnings } from './shared/silent-alarms';
import { subscriptionFilterQuota } from './subscription-filter/checks';
import { bandDetectorChecks } from './anomaly-detector/checks';

/** Checks a kind makes across every file before anything is sent (config/checks.ts runs them all). */
export const CROSS_FILE_CHECKS: readonly ((resources: readonly DesiredResource[]) => Diagnostic[])[] = [
  filterQuotaChecks,
  doubleCounts,
  // Subscription filters: two per log group.
  subscriptionFilterQuota,
  // Subscriptions: an https endpoint that is a chat's incoming webhook never confirms.
  chatWebhookWarnings,
  unfedAlarmWarnings,
  silentAlarmWarnings,
  // The chat forwarder: its destinations must fit Lambda's 4 KB of environment.
  forwarderEnvironmentSize,
  // Anomaly detection bands: the detector of the band's metric and statistic.
  bandDetectorChecks,
];
