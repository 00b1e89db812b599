import type { PathSegment } from '../../shared/source-types';
import { didYouMean } from '../../shared/suggest';
import type { BuildContext, YamlForm } from '../build';
import { patternLocation } from '../metric-filter/pattern-location';
import { SERVICES, servicePack } from '../pack/catalog';
import { ALARM_MUTE_RULE_FIELDS } from './fields';
import { MAX_MUTE_RULE_NAME, MAX_MUTE_TARGETS, muteRuleAwsName } from './names';
import {
  canonicalExpression,
  isUtc,
  knownTimeZone,
  MAX_MUTE_SECONDS,
  MIN_MUTE_SECONDS,
  parseDate,
  parseDuration,
  parseExpression,
  scheduleText,
  timeZones,
} from './schedule';

/** A `muteRules:` entry as the schema lets it through. */
export interface RawMuteRule {
  readonly name: string;
  readonly description?: string;
  readonly cron?: string;
  readonly at?: string;
  readonly duration: string;
  readonly timezone?: string;
  readonly start?: string;
  readonly expire?: string;
  readonly alarms?: readonly string[];
  readonly packs?: readonly string[];
}

function checkZone(ctx: BuildContext, r: RawMuteRule, path: PathSegment[]): string {
  if (r.timezone === undefined) return 'UTC';
  if (knownTimeZone(r.timezone)) return r.timezone;
  ctx.error(
    'BAD_SCHEDULE',
    `"${r.timezone}" is not an IANA time zone${didYouMean(r.timezone, timeZones())} (e.g. Europe/Paris, America/New_York, UTC)`,
    ctx.at([...path, 'timezone']),
  );
  return 'UTC';
}

/** The expression PutAlarmMuteRule takes, or undefined after reporting why there is none. */
function expressionOf(ctx: BuildContext, r: RawMuteRule, path: PathSegment[]): string | undefined {
  if ((r.cron === undefined) === (r.at === undefined)) {
    ctx.error(
      'BAD_SCHEDULE',
      'a mute rule needs exactly one of "cron" (recurring windows, e.g. "0 2 * * SUN") or "at" (one window, e.g. 2026-12-24T18:00)',
      ctx.at(path),
    );
    return undefined;
  }
  const key = r.cron !== undefined ? 'cron' : 'at';
  const text = (r.cron ?? r.at ?? '').trim();
  const expression = canonicalExpression(`${key}(${text})`);
  const parsed = parseExpression(key === 'cron' ? `cron(${text})` : expression);
  if ('message' in parsed) {
    const raw = r.cron ?? r.at ?? '';
    const lead = raw.length - raw.trimStart().length;
    ctx.error('BAD_SCHEDULE', parsed.message, patternLocation(ctx.src, [...path, key], raw, lead + parsed.offset));
    return undefined;
  }
  return expression;
}

function dateOf(ctx: BuildContext, text: string | undefined, zone: string, at: PathSegment[]): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDate(text, zone);
  if (typeof ms === 'number') return ms;
  ctx.error('BAD_SCHEDULE', ms.message, ctx.at(at));
  return undefined;
}

function build(ctx: BuildContext, r: RawMuteRule, path: PathSegment[]): void {
  const name = muteRuleAwsName(ctx.stack.name, r.name);
  if (name.length > MAX_MUTE_RULE_NAME)
    ctx.error(
      'LIMIT_EXCEEDED',
      `the mute rule's name in AWS, ${name}, has ${name.length} characters; AWS allows at most ${MAX_MUTE_RULE_NAME} (monitors.<stack>. included)`,
      ctx.at([...path, 'name']),
    );
  const zone = checkZone(ctx, r, path);
  const expression = expressionOf(ctx, r, path);
  const seconds = parseDuration(r.duration.trim());
  if (seconds === undefined || seconds % 60 !== 0 || seconds < MIN_MUTE_SECONDS || seconds > MAX_MUTE_SECONDS)
    ctx.error(
      'BAD_SCHEDULE',
      seconds === undefined
        ? `"${r.duration}" is not a duration: write e.g. 2h, 90m, 2d12h (or ISO 8601: PT2H)`
        : `a mute window lasts whole minutes from 1m to 15d (PT1M to P15D); ${r.duration} is ${seconds % 60 !== 0 ? 'not whole minutes' : seconds < MIN_MUTE_SECONDS ? 'shorter' : 'longer'}`,
      ctx.at([...path, 'duration']),
    );
  const start = dateOf(ctx, r.start, zone, [...path, 'start']);
  const expire = dateOf(ctx, r.expire, zone, [...path, 'expire']);
  if (start !== undefined && expire !== undefined && expire <= start)
    ctx.error('BAD_SCHEDULE', 'the rule expires before it starts', ctx.at([...path, 'expire']));
  const alarms = r.alarms ?? [];
  if (alarms.length > MAX_MUTE_TARGETS)
    ctx.error(
      'LIMIT_EXCEEDED',
      `${alarms.length} alarms; a mute rule targets at most ${MAX_MUTE_TARGETS} (split it in two)`,
      ctx.at([...path, 'alarms']),
    );
  if (alarms.length === 0 && (r.packs ?? []).length === 0)
    ctx.error(
      'SCHEMA',
      'a mute rule needs "alarms" (alarms of the stack by name), "packs" (every alarm of the stack\'s packs of a service), or both',
      ctx.at(path),
    );
  alarms.forEach((alarm, i) => ctx.reference({ kind: 'alarm', name: alarm, location: ctx.at([...path, 'alarms', i]) }));
  (r.packs ?? []).forEach((service, i) => {
    if (!servicePack(service))
      ctx.error(
        'DANGLING_REFERENCE',
        `no alarm pack is named "${service}"${didYouMean(service, Object.keys(SERVICES))} (monitors packs lists them)`,
        ctx.at([...path, 'packs', i]),
      );
  });
  const schedule = scheduleText({
    expression: expression ?? 'at(1970-01-01T00:00)',
    seconds: seconds ?? MIN_MUTE_SECONDS,
    ...(isUtc(r.timezone) ? {} : { timezone: zone }),
    ...(start !== undefined ? { start } : {}),
    ...(expire !== undefined ? { expire } : {}),
  });
  ctx.push(
    {
      spec: {
        kind: 'alarmMuteRule',
        name,
        ...(r.description !== undefined && r.description !== '' ? { description: r.description } : {}),
        schedule,
        alarmNames: [...new Set(alarms)].sort(),
        ...(r.packs && r.packs.length > 0 ? { packs: [...new Set(r.packs)].sort() } : {}),
      },
      source: ctx.at(path),
    },
    ALARM_MUTE_RULE_FIELDS,
    path,
  );
}

/** `muteRules:`: windows in which the named alarms' actions (notifications) do not run. */
export const muteRulesForm: YamlForm = {
  key: 'muteRules',
  proseKeys: ['description'],
  build(ctx, raw) {
    (raw.muteRules as RawMuteRule[] | undefined)?.forEach((r, i) => build(ctx, r, ['muteRules', i]));
  },
};
