import { packsForm } from './build';
import type { KindModule } from '../module';

/** Alarm packs: a `packs:` section expanded into metric alarms at plan time (it defines no kind of its own). */
export const packModule: KindModule = { folder: 'pack', forms: [packsForm] };
