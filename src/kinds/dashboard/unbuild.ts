import type { DashboardSpec } from './spec';
import type { KindUnbuild } from '../unbuild';

/**
 * Dashboards are not imported yet: the reader only sees the stack's own (owned by their name), and
 * turning a body back into the `dashboards:` forms is not written. Import says so for each one.
 */
export const dashboardUnbuild: KindUnbuild<'dashboard'> = {
  section: 'dashboards',
  about: 'CloudWatch dashboards.',
  unbuild(spec: DashboardSpec) {
    return { unsupported: `dashboards are not imported yet (${spec.name}): keep its dashboards: entry as written` };
  },
};
