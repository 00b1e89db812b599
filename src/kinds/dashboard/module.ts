import { dashboardsForm } from './build';
import { dashboardInfo } from './kind';
import { dashboardLive } from './live';
import { overviewForm } from './overview';
import { dashboardUnbuild } from './unbuild';
import type { KindModule } from '../module';

export const dashboardModule: KindModule = {
  folder: 'dashboard',
  kinds: {
    dashboard: { info: dashboardInfo, unbuild: dashboardUnbuild, live: dashboardLive },
  },
  forms: [dashboardsForm],
  stackForms: [overviewForm],
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
