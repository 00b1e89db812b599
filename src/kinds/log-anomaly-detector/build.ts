import { reportPatternProblem } from '../metric-filter/pattern-report';
import type { PathSegment } from '../../shared/source-types';
import type { BuildContext, YamlForm } from '../build';
import { LOG_ANOMALY_DETECTOR_FIELDS } from './fields';
import {
  bareLogGroupArn,
  DEFAULT_FREQUENCY,
  DEFAULT_VISIBILITY_DAYS,
  frequencyOf,
  logGroupArn,
  logGroupNameOf,
  MAX_LOG_GROUPS,
  MAX_VISIBILITY_DAYS,
  MIN_VISIBILITY_DAYS,
  visibilityDays,
} from './names';

/** A `logAnomalyDetectors:` entry as the schema lets it through. */
export interface RawLogAnomalyDetector {
  readonly name: string;
  readonly logGroups: readonly string[];
  readonly evaluationFrequency?: string;
  readonly pattern?: string;
  readonly anomalyVisibilityTime?: number | string;
  readonly enabled?: boolean;
  readonly kmsKey?: string;
  readonly tags?: Record<string, string>;
}

/** Each log group as AWS wants it (an ARN); a name must be a log group of the stack's files. */
function logGroupArns(ctx: BuildContext, d: RawLogAnomalyDetector, path: PathSegment[]): string[] {
  if (d.logGroups.length > MAX_LOG_GROUPS)
    ctx.error(
      'LIMIT_EXCEEDED',
      `${d.logGroups.length} log groups; AWS lets an anomaly detector watch ${MAX_LOG_GROUPS} (make one detector per log group)`,
      ctx.at([...path, 'logGroups', MAX_LOG_GROUPS]),
    );
  return d.logGroups.map((g, i) => {
    const at = ctx.at([...path, 'logGroups', i]);
    if (!g.startsWith('arn:')) {
      ctx.reference({ kind: 'logGroup', name: g, location: at });
      return logGroupArn(ctx.stack.region, g);
    }
    if (logGroupNameOf(g) === undefined)
      ctx.error(
        'SCHEMA',
        `${JSON.stringify(g.slice(0, 80))} is not a log group's ARN (arn:aws:logs:REGION:ACCOUNT:log-group:NAME); write a log group of these files by its name`,
        at,
      );
    return bareLogGroupArn(g);
  });
}

function visibility(ctx: BuildContext, d: RawLogAnomalyDetector, path: PathSegment[]): number {
  if (d.anomalyVisibilityTime === undefined) return DEFAULT_VISIBILITY_DAYS;
  const days = visibilityDays(d.anomalyVisibilityTime);
  if (!Number.isInteger(days) || days < MIN_VISIBILITY_DAYS || days > MAX_VISIBILITY_DAYS)
    ctx.error(
      'SCHEMA',
      `anomalyVisibilityTime ${JSON.stringify(d.anomalyVisibilityTime)}: AWS keeps an anomaly visible for ${MIN_VISIBILITY_DAYS} to ${MAX_VISIBILITY_DAYS} days (e.g. 21d)`,
      ctx.at([...path, 'anomalyVisibilityTime']),
    );
  return days;
}

/** `logAnomalyDetectors:`: CloudWatch Logs anomaly detection on a log group of the stack (or any, by ARN). */
export const logAnomalyDetectorsForm: YamlForm = {
  key: 'logAnomalyDetectors',
  proseKeys: ['pattern'],
  build(ctx, raw) {
    (raw.logAnomalyDetectors as RawLogAnomalyDetector[] | undefined)?.forEach((d, i) => {
      const path: PathSegment[] = ['logAnomalyDetectors', i];
      const pattern = d.pattern ?? '';
      reportPatternProblem(ctx, pattern, path);
      ctx.push(
        {
          spec: {
            kind: 'logAnomalyDetector',
            name: d.name,
            logGroupArns: [...new Set(logGroupArns(ctx, d, path))].sort(),
            // The schema lets only the six frequencies through, in either spelling.
            evaluationFrequency: frequencyOf(d.evaluationFrequency ?? '') ?? DEFAULT_FREQUENCY,
            filterPattern: pattern,
            anomalyVisibilityDays: visibility(ctx, d, path),
            enabled: d.enabled ?? true,
            kmsKeyId: d.kmsKey,
            tags: ctx.tagsFor(d.tags, path),
          },
          source: ctx.at(path),
        },
        LOG_ANOMALY_DETECTOR_FIELDS,
        path,
      );
    });
  },
};
