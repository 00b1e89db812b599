import { excerpt, type SourceLocation } from '../../model';
import type { TreatMissingData } from '../specs';
import { durationSeconds, validPeriod } from '../shared/forms';
import { didYouMean } from '../../shared/suggest';
import type { PathSegment } from '../../shared/source-types';
import type { BuildContext, YamlForm } from '../build';
import { buildActions } from '../shared/alarm-actions-build';
import { SERVICES, servicePack } from './catalog';
import { PACK_TAG, type PackDeclaration, type PackOverride } from './declaration';

/** A `packs:` entry after schema validation (schema/monitors.schema.json). */
interface RawPack {
  service: string;
  select: { tags?: Record<string, string>; names?: string[]; prefix?: string };
  notify?: string | string[];
  onOk?: string | string[];
  onInsufficientData?: string | string[];
  override?: Record<
    string,
    {
      threshold?: number;
      period?: number | string;
      evaluationPeriods?: number;
      datapointsToAlarm?: number;
      treatMissingData?: string;
    }
  >;
  except?: string[];
  tags?: Record<string, string>;
}

/** Checks one entry offline and returns it as a declaration, or undefined when its service is unknown. */
function buildPack(ctx: BuildContext, p: RawPack, path: PathSegment[]): PackDeclaration | undefined {
  const pack = servicePack(p.service);
  if (!pack) {
    ctx.error(
      'SCHEMA',
      `unknown pack service ${excerpt(p.service)}${didYouMean(p.service, Object.keys(SERVICES))} (run "monitors packs" for the list)`,
      ctx.at([...path, 'service']),
    );
    return undefined;
  }
  const keys = pack.recommendations.map((r) => r.key);
  const unknownKey = (key: string, at: SourceLocation) =>
    ctx.error(
      'SCHEMA',
      `pack ${pack.service} has no recommendation ${excerpt(key)}${didYouMean(key, keys)}; its recommendations are ${keys.join(', ')}`,
      at,
    );
  const except = p.except ?? [];
  except.forEach((key, j) => {
    if (!keys.includes(key)) unknownKey(key, ctx.at([...path, 'except', j]));
  });
  const overrides: Record<string, PackOverride> = {};
  for (const [key, o] of Object.entries(p.override ?? {})) {
    const at = [...path, 'override', key];
    if (!keys.includes(key)) {
      unknownKey(key, ctx.locateKey(at));
      continue;
    }
    if (except.includes(key))
      ctx.error('SCHEMA', `${key} is both overridden and left out (except): keep one`, ctx.locateKey(at));
    let period: number | undefined;
    if (o.period !== undefined) {
      period = durationSeconds(o.period);
      if (!validPeriod(period))
        ctx.error(
          'SCHEMA',
          `a period of ${excerpt(o.period)} is not accepted; use 10s, 20s, 30s or whole minutes`,
          ctx.at([...at, 'period']),
        );
    }
    if (o.threshold !== undefined && !Number.isFinite(o.threshold))
      ctx.error('SCHEMA', `threshold ${excerpt(o.threshold)} is not a finite number`, ctx.at([...at, 'threshold']));
    overrides[key] = {
      ...(o.threshold !== undefined ? { threshold: o.threshold } : {}),
      ...(period !== undefined ? { period } : {}),
      ...(o.evaluationPeriods !== undefined ? { evaluationPeriods: o.evaluationPeriods } : {}),
      ...(o.datapointsToAlarm !== undefined ? { datapointsToAlarm: o.datapointsToAlarm } : {}),
      ...(o.treatMissingData !== undefined ? { treatMissingData: o.treatMissingData as TreatMissingData } : {}),
    };
  }
  for (const r of pack.recommendations) {
    if (except.includes(r.key)) continue;
    const o = overrides[r.key];
    if (r.threshold.basis === 'none' && o?.threshold === undefined)
      ctx.error(
        'SCHEMA',
        `pack ${pack.service}: AWS recommends no threshold for ${r.key} (${r.threshold.justification}); give one with override: { ${r.key}: { threshold: N } }, or leave it out with except: [${r.key}]`,
        ctx.at([...path, 'service']),
      );
    const evaluation = o?.evaluationPeriods ?? r.evaluationPeriods;
    const datapoints = o?.datapointsToAlarm ?? Math.min(r.datapointsToAlarm, evaluation);
    if (datapoints > evaluation)
      ctx.error(
        'SCHEMA',
        `${r.key}: datapointsToAlarm (${datapoints}) cannot exceed evaluationPeriods (${evaluation})`,
        ctx.at([...path, 'override', r.key]),
      );
  }
  return {
    service: pack.service,
    select: {
      ...(p.select.tags ? { tags: p.select.tags } : {}),
      ...(p.select.names ? { names: [...p.select.names].sort() } : {}),
      ...(p.select.prefix !== undefined ? { prefix: p.select.prefix } : {}),
    },
    actions: buildActions(ctx, p, path),
    overrides,
    except,
    tags: { ...ctx.tagsFor(p.tags, path), [PACK_TAG]: pack.service },
    source: ctx.at(path),
  };
}

/** `packs:`: AWS's recommended alarms for what a selection finds; checked here, expanded at plan time. */
export const packsForm: YamlForm = {
  key: 'packs',
  build(ctx, raw) {
    (raw.packs as RawPack[] | undefined)?.forEach((p, i) => {
      const built = buildPack(ctx, p, ['packs', i]);
      if (built) ctx.pack(built);
    });
  },
};
