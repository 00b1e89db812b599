/**
 * A stateful stand-in for CloudWatch's anomaly detectors, which no emulator has: a loopback proxy in
 * front of the emulator that answers PutAnomalyDetector, DescribeAnomalyDetectors and
 * DeleteAnomalyDetector (CloudWatch's JSON 1.0 protocol, as the SDK speaks it) from its own state,
 * paging by NextToken, and passes every other call (SSM, Logs, the alarms) through. Every request it
 * answers and every answer it gives is checked against botocore's model (test/harness/api-model.ts);
 * a request that breaks it is refused as AWS would (ValidationError) and kept for the test to assert on.
 */
import type { ServerResponse } from 'http';
import { serveJsonFake } from '../harness/json-api-fake';
import { checkRequest, checkShape, loadModel, type Violation } from '../harness/api-model';

/** A detector as the fake keeps it: AWS's own shape of a single-metric or metric-math detector. */
export interface StoredDetector {
  readonly Namespace?: string;
  readonly MetricName?: string;
  readonly Dimensions?: readonly { readonly Name: string; readonly Value: string }[];
  readonly Stat?: string;
  readonly MetricDataQueries?: readonly Record<string, unknown>[];
  readonly Configuration?: {
    readonly ExcludedTimeRanges?: readonly { readonly StartTime: number; readonly EndTime: number }[];
    readonly MetricTimezone?: string;
  };
}

export interface AnomalyDetectorFake {
  readonly url: string;
  /** By identity (detectorKey). */
  readonly detectors: Map<string, StoredDetector>;
  readonly violations: Violation[];
  /** The operations it answered, in order. */
  readonly calls: string[];
  close(): Promise<void>;
}

const PREFIX = 'GraniteServiceVersion20100801.';
const OWN = new Set(['PutAnomalyDetector', 'DescribeAnomalyDetectors', 'DeleteAnomalyDetector']);

/** The fake's key of a detector: namespace, metric, dimensions (sorted) and stat; or its queries as sent. */
export function detectorKey(d: StoredDetector): string {
  if (d.MetricDataQueries) return `math|${JSON.stringify(d.MetricDataQueries)}`;
  const dims = [...(d.Dimensions ?? [])]
    .sort((a, b) => a.Name.localeCompare(b.Name))
    .map((x) => `${x.Name}=${x.Value}`);
  return `${d.Namespace ?? ''}|${d.MetricName ?? ''}|${dims.join(',')}|${d.Stat ?? ''}`;
}

type Single = Pick<StoredDetector, 'Namespace' | 'MetricName' | 'Stat'> & {
  readonly Dimensions?: StoredDetector['Dimensions'];
};

export async function startAnomalyDetectorFake(emulator: string, pageSize = 100): Promise<AnomalyDetectorFake> {
  const model = loadModel('cloudwatch');
  const target = new URL(emulator);
  const detectors = new Map<string, StoredDetector>();
  const violations: Violation[] = [];
  const calls: string[] = [];

  const answer = (res: ServerResponse, operation: string, status: number, body: Record<string, unknown>) => {
    if (status === 200) {
      const shape = model.operations[operation]?.output?.shape;
      if (shape) checkShape(model, shape, body, '(output)', violations, operation);
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const fail = (res: ServerResponse, operation: string, type: string, message: string) =>
    answer(res, operation, 400, { __type: type, message });

  function handle(operation: string, input: Record<string, unknown>, res: ServerResponse): void {
    calls.push(operation);
    const problems = checkRequest(model, operation, input);
    if (problems.length > 0) {
      violations.push(...problems);
      return fail(res, operation, 'ValidationError', problems.map((p) => `${p.path}: ${p.rule}`).join('; '));
    }
    if (operation === 'DescribeAnomalyDetectors') {
      const all = [...detectors.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, d]) => d);
      const start = Number(input.NextToken ?? 0);
      const size = Math.min((input.MaxResults as number | undefined) ?? 100, pageSize);
      const page = all.slice(start, start + size).map((d) =>
        d.MetricDataQueries
          ? {
              MetricMathAnomalyDetector: { MetricDataQueries: d.MetricDataQueries },
              Configuration: { ExcludedTimeRanges: [], ...d.Configuration },
              StateValue: 'PENDING_TRAINING',
            }
          : {
              SingleMetricAnomalyDetector: {
                Namespace: d.Namespace,
                MetricName: d.MetricName,
                Dimensions: d.Dimensions,
                Stat: d.Stat,
              },
              // AWS still fills the deprecated top-level fields.
              Namespace: d.Namespace,
              MetricName: d.MetricName,
              Dimensions: d.Dimensions,
              Stat: d.Stat,
              Configuration: { ExcludedTimeRanges: [], ...d.Configuration },
              StateValue: 'PENDING_TRAINING',
            },
      );
      return answer(res, operation, 200, {
        AnomalyDetectors: page,
        ...(start + size < all.length ? { NextToken: String(start + size) } : {}),
      });
    }
    const math = (input.MetricMathAnomalyDetector as { MetricDataQueries?: Record<string, unknown>[] } | undefined)
      ?.MetricDataQueries;
    const single = (input.SingleMetricAnomalyDetector as Single | undefined) ?? (input as unknown as Single);
    if (math && math.filter((q) => q.ReturnData !== false).length !== 1)
      return fail(res, operation, 'InvalidParameterValueException', 'Exactly one query must return data');
    if (!math && (!single.Namespace || !single.MetricName || !single.Stat))
      return fail(res, operation, 'MissingRequiredParameterException', 'a single-metric detector is required');
    const identity: StoredDetector = math
      ? { MetricDataQueries: math }
      : {
          Namespace: single.Namespace,
          MetricName: single.MetricName,
          Dimensions: single.Dimensions ?? [],
          Stat: single.Stat,
        };
    const key = detectorKey(identity);
    if (operation === 'DeleteAnomalyDetector') {
      if (!detectors.delete(key))
        return fail(res, operation, 'ResourceNotFoundException', 'Anomaly detection model not found');
      return answer(res, operation, 200, {});
    }
    const config = input.Configuration as StoredDetector['Configuration'] | undefined;
    for (const r of config?.ExcludedTimeRanges ?? [])
      if (r.EndTime <= r.StartTime)
        return fail(res, operation, 'InvalidParameterValueException', 'The end time must be after the start time');
    // Put replaces the whole configuration.
    detectors.set(key, { ...identity, ...(config ? { Configuration: config } : {}) });
    return answer(res, operation, 200, {});
  }

  const served = await serveJsonFake(target, PREFIX, (r) => {
    if (!OWN.has(r.operation)) return false;
    handle(r.operation, r.input(), r.res);
    return true;
  });
  return {
    url: served.url,
    detectors,
    violations,
    calls,
    close: () => served.close(),
  };
}
