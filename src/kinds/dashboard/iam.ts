import type { IamScope, KindIam } from '../iam';
import { dashboardPrefix } from './name';

/** The stack's dashboards (and those of its former names), by name prefix: dashboards are account-wide, so no region in the ARN. */
const owned = (at: IamScope) =>
  [at.stack, ...at.formerNames].map(
    (stack) => `arn:aws:cloudwatch::${at.account}:dashboard/${dashboardPrefix(stack, at.region)}*`,
  );

/** Dashboards: owned by name, so IAM fences them by ARN prefix rather than by tag. */
export const dashboardIam: KindIam = {
  wildcardReads: ['cloudwatch:ListDashboards'],
  ownReads: [{ sid: 'MonitorsPlanReadDashboards', actions: ['cloudwatch:GetDashboard'], arns: owned }],
  arnScoped: {
    sid: 'MonitorsWriteDashboards',
    actions: ['cloudwatch:PutDashboard', 'cloudwatch:DeleteDashboards'],
    arns: owned,
  },
  limits: [
    "Dashboards are owned by name (monitors_<stack>_<region>_<name>), not by tag: the apply role may write any dashboard under its stack's prefix, including one made by hand under that name.",
  ],
};
