import type { KindInfo } from '../kind';
import { bodyLines, mapAlarmArns } from './body';
import { dashboardIam } from './iam';

/**
 * CloudWatch dashboards: keyed by their AWS name, which carries the owning stack and region (name.ts).
 * The body reads as one block of widget lines in a plan (bodyLines), on a create as on an update.
 */
export const dashboardInfo: KindInfo<'dashboard'> = {
  kind: 'dashboard',
  label: 'dashboard',
  identity: (spec) => ({ name: spec.name, nameField: 'name' }),
  hasHistory: false,
  renameField: 'name',
  lineFields: { body: bodyLines },
  linesOnCreate: true,
  arn: (key, accountId) => `arn:aws:cloudwatch::${accountId}:dashboard/${key.name}`,
  withAccount: (spec, fix) => ({ ...spec, body: mapAlarmArns(spec.body, fix) }),
  iam: dashboardIam,
  quotas: {
    'CloudWatch.ListDashboards': 10,
    'CloudWatch.GetDashboard': 10,
    'CloudWatch.PutDashboard': 10,
    'CloudWatch.DeleteDashboards': 10,
  },
};
