/**
 * How often a new or changed metric filter matches: a capped sample of its log group's recent events
 * (FilterLogEvents, one fetch per log group), run through our own pattern engine, since no emulator
 * evaluates filters and AWS's TestMetricFilter takes at most 50 lines per call.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { fetchLogEvents } from '../backtest/fetch-logs';
import type { Pacer } from '../backtest/fetch-metrics';
import { engineEvaluator } from '../simulate';
import type { FilterTarget } from './targets';
import type { Finding } from './types';

export interface FilterSampleLimits {
  readonly hours: number;
  /** Events read per log group. */
  readonly maxEvents: number;
  readonly maxBytes: number;
}

export const DEFAULT_FILTER_LIMITS: FilterSampleLimits = { hours: 24, maxEvents: 5_000, maxBytes: 5 * 1024 * 1024 };

const isNotFound = (err: unknown) => (err as { name?: string })?.name === 'ResourceNotFoundException';

/** The findings of every filter, the distinct dimension values each emitted (by FilterTarget.id), and the calls made. */
export async function sampleFilters(
  client: CloudWatchLogsClient,
  targets: readonly FilterTarget[],
  limits: FilterSampleLimits,
  pace: Pacer,
  now: number,
): Promise<{ findings: Finding[]; cardinality: Map<string, number>; calls: number }> {
  const findings: Finding[] = [];
  const cardinality = new Map<string, number>();
  let calls = 0;
  const evaluate = engineEvaluator();
  const groups = [...new Set(targets.map((t) => t.filter.logGroupName))].sort();
  for (const group of groups) {
    const mine = targets.filter((t) => t.filter.logGroupName === group);
    let fetched;
    try {
      fetched = await fetchLogEvents(
        client,
        group,
        now - limits.hours * 3_600_000,
        now,
        { maxEvents: limits.maxEvents, maxBytes: limits.maxBytes },
        pace,
      );
    } catch (err) {
      // A log group the plan creates has no events yet: the same finding as a quiet one.
      if (!isNotFound(err)) throw err;
      calls += 1;
      fetched = { events: [], bytes: 0, calls: 0 };
    }
    calls += fetched.calls;
    for (const t of mine) {
      const about = { subject: t.subject, source: t.source, hidden: t.hidden };
      if (fetched.events.length === 0) {
        findings.push({ ...about, code: 'FILTER_NO_EVENTS', logGroup: group, hours: limits.hours });
        continue;
      }
      let matched = 0;
      const values = new Set<string>();
      for (const e of fetched.events) {
        const outcome = evaluate(t.filter, e.message);
        if (!outcome.matched) continue;
        matched += 1;
        values.add(JSON.stringify(Object.entries(outcome.dimensions).sort()));
      }
      findings.push({
        ...about,
        code: 'FILTER_MATCH_RATE',
        logGroup: group,
        matched,
        sampled: fetched.events.length,
        hours: limits.hours,
        capped: fetched.cutBy !== undefined,
      });
      if (Object.keys(t.filter.transformation.dimensions).length > 0) {
        cardinality.set(t.id, values.size);
        findings.push({
          ...about,
          code: 'FILTER_DIMENSION_VALUES',
          distinct: values.size,
          sampled: fetched.events.length,
        });
      }
    }
  }
  return { findings, cardinality, calls };
}
