import { slosForm } from './build';
import type { KindModule } from '../module';

/** SLOs: a `slos:` section compiled into metric and composite alarms (it defines no kind of its own). */
export const sloModule: KindModule = { folder: 'slo', forms: [slosForm] };
