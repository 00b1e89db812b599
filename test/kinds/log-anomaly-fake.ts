/**
 * A stateful stand-in for CloudWatch Logs' log anomaly detectors, which no emulator has: a loopback
 * proxy in front of the emulator that answers Create/Get/List/Update/DeleteLogAnomalyDetector, and
 * TagResource/UntagResource/ListTagsForResource on a detector's ARN, from its own state (paging by
 * nextToken), and passes every other call through (log groups and their tags reach the emulator).
 * Every request it answers and every answer it gives is checked against botocore's model
 * (harness/api-model.ts); violations are kept for the test to assert on, and a request that breaks
 * the model is refused as AWS would (InvalidParameterException), so a test cannot pass on a request
 * AWS would reject.
 */
import { randomUUID } from 'crypto';
import { type IncomingMessage, type ServerResponse } from 'http';
import { serveJsonFake } from '../harness/json-api-fake';
import { checkRequest, checkShape, loadModel, type Violation } from '../harness/api-model';

export interface StoredDetector {
  readonly anomalyDetectorArn: string;
  detectorName: string;
  logGroupArnList: string[];
  evaluationFrequency?: string;
  filterPattern?: string;
  anomalyVisibilityTime?: number;
  kmsKeyId?: string;
  anomalyDetectorStatus: string;
  readonly creationTimeStamp: number;
  lastModifiedTimeStamp: number;
  tags: Record<string, string>;
}

export interface LogAnomalyFake {
  readonly url: string;
  /** By ARN. */
  readonly detectors: Map<string, StoredDetector>;
  readonly violations: Violation[];
  /** The operations it answered, in order, with their input. */
  readonly calls: { readonly operation: string; readonly input: Record<string, unknown> }[];
  /** Answers the next `times` calls of `operation` with an AWS error of this type and status (after checking them). */
  failNext(operation: string, times: number, type: string, status?: number): void;
  /** Makes a detector as someone would by hand (no request is checked). */
  seed(d: Partial<StoredDetector> & { detectorName: string; logGroupArnList: string[] }): StoredDetector;
  close(): Promise<void>;
}

const DETECTOR_OPS = new Set([
  'CreateLogAnomalyDetector',
  'GetLogAnomalyDetector',
  'ListLogAnomalyDetectors',
  'UpdateLogAnomalyDetector',
  'DeleteLogAnomalyDetector',
]);
const TAG_OPS = new Set(['TagResource', 'UntagResource', 'ListTagsForResource']);

/** The account and region the request was signed for (ministack: a 12-digit access key is the account). */
function signedFor(req: IncomingMessage): { account: string; region: string } {
  const m = /Credential=([^/]+)\/\d+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''));
  const key = m?.[1] ?? '';
  return { account: /^\d{12}$/.test(key) ? key : '000000000000', region: m?.[2] ?? 'us-east-1' };
}

export async function startLogAnomalyFake(emulator: string, pageSize = 50): Promise<LogAnomalyFake> {
  const target = new URL(emulator);
  const model = loadModel('logs');
  const detectors = new Map<string, StoredDetector>();
  const violations: Violation[] = [];
  const calls: { operation: string; input: Record<string, unknown> }[] = [];
  const failures = new Map<string, { times: number; type: string; status: number }>();

  const answer = (res: ServerResponse, operation: string, status: number, body: Record<string, unknown>) => {
    if (status === 200) {
      const shape = model.operations[operation]?.output?.shape;
      if (shape) checkShape(model, shape, body, '', violations, `${operation} (answer)`);
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const fail = (res: ServerResponse, operation: string, type: string, message: string) =>
    answer(res, operation, 400, { __type: type, message });

  const view = (d: StoredDetector) => {
    const { tags: _tags, ...rest } = d;
    return rest;
  };

  function handle(
    operation: string,
    input: Record<string, unknown>,
    at: { account: string; region: string },
    res: ServerResponse,
  ): void {
    calls.push({ operation, input });
    const problems = checkRequest(model, operation, input);
    if (problems.length > 0) {
      violations.push(...problems);
      return fail(res, operation, 'InvalidParameterException', problems.map((p) => `${p.path}: ${p.rule}`).join('; '));
    }
    const failure = failures.get(operation);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return answer(res, operation, failure.status, {
        __type: failure.type,
        message: `${operation} failed as the test asked`,
      });
    }
    const arnIn = (input.anomalyDetectorArn ?? input.resourceArn) as string | undefined;
    const found = arnIn !== undefined ? detectors.get(arnIn) : undefined;
    const missing = () => fail(res, operation, 'ResourceNotFoundException', `anomaly detector ${arnIn} does not exist`);
    switch (operation) {
      case 'CreateLogAnomalyDetector': {
        const groups = input.logGroupArnList as string[];
        // "You can specify only one log group ARN" (the API reference).
        if (groups.length !== 1)
          return fail(res, operation, 'InvalidParameterException', 'specify exactly one log group ARN');
        const arn = `arn:aws:logs:${at.region}:${at.account}:anomaly-detector:${randomUUID()}`;
        const now = Date.now();
        detectors.set(arn, {
          anomalyDetectorArn: arn,
          detectorName: (input.detectorName as string | undefined) ?? '',
          logGroupArnList: [...groups],
          evaluationFrequency: input.evaluationFrequency as string | undefined,
          filterPattern: input.filterPattern as string | undefined,
          anomalyVisibilityTime: (input.anomalyVisibilityTime as number | undefined) ?? 21,
          kmsKeyId: input.kmsKeyId as string | undefined,
          anomalyDetectorStatus: 'TRAINING',
          creationTimeStamp: now,
          lastModifiedTimeStamp: now,
          tags: { ...((input.tags as Record<string, string> | undefined) ?? {}) },
        });
        return answer(res, operation, 200, { anomalyDetectorArn: arn });
      }
      case 'GetLogAnomalyDetector': {
        if (!found) return missing();
        const { anomalyDetectorArn: _arn, ...rest } = view(found);
        return answer(res, operation, 200, rest);
      }
      case 'ListLogAnomalyDetectors': {
        const all = [...detectors.values()]
          .filter((d) => !input.filterLogGroupArn || d.logGroupArnList.includes(input.filterLogGroupArn as string))
          .sort((a, b) => a.anomalyDetectorArn.localeCompare(b.anomalyDetectorArn));
        const start = Number(input.nextToken ?? 0);
        const size = Math.min((input.limit as number | undefined) ?? 50, pageSize);
        return answer(res, operation, 200, {
          anomalyDetectors: all.slice(start, start + size).map(view),
          ...(start + size < all.length ? { nextToken: String(start + size) } : {}),
        });
      }
      case 'UpdateLogAnomalyDetector': {
        if (!found) return missing();
        if (input.evaluationFrequency !== undefined) found.evaluationFrequency = input.evaluationFrequency as string;
        if (input.filterPattern !== undefined) found.filterPattern = input.filterPattern as string;
        if (input.anomalyVisibilityTime !== undefined)
          found.anomalyVisibilityTime = input.anomalyVisibilityTime as number;
        found.anomalyDetectorStatus = input.enabled === false ? 'PAUSED' : 'ANALYZING';
        found.lastModifiedTimeStamp = Date.now();
        return answer(res, operation, 200, {});
      }
      case 'DeleteLogAnomalyDetector':
        if (!found) return missing();
        detectors.delete(found.anomalyDetectorArn);
        return answer(res, operation, 200, {});
      case 'TagResource':
        if (!found) return missing();
        Object.assign(found.tags, input.tags as Record<string, string>);
        return answer(res, operation, 200, {});
      case 'UntagResource':
        if (!found) return missing();
        for (const k of input.tagKeys as string[]) delete found.tags[k];
        return answer(res, operation, 200, {});
      case 'ListTagsForResource':
        if (!found) return missing();
        return answer(res, operation, 200, Object.keys(found.tags).length > 0 ? { tags: { ...found.tags } } : {});
      default:
        return fail(res, operation, 'InvalidOperationException', `unknown action ${operation}`);
    }
  }

  const served = await serveJsonFake(target, 'Logs_20140328.', (r) => {
    const ours =
      DETECTOR_OPS.has(r.operation) ||
      (TAG_OPS.has(r.operation) && String(r.input().resourceArn ?? '').includes(':anomaly-detector:'));
    if (!ours) return false;
    handle(r.operation, r.input(), signedFor(r.req), r.res);
    return true;
  });
  return {
    url: served.url,
    detectors,
    violations,
    calls,
    failNext(operation, times, type, status = 400) {
      failures.set(operation, { times, type, status });
    },
    seed(d) {
      const arn = `arn:aws:logs:us-east-1:000000000000:anomaly-detector:${randomUUID()}`;
      const stored: StoredDetector = {
        anomalyDetectorArn: arn,
        evaluationFrequency: 'FIVE_MIN',
        anomalyVisibilityTime: 21,
        anomalyDetectorStatus: 'ANALYZING',
        creationTimeStamp: 1,
        lastModifiedTimeStamp: 1,
        tags: {},
        ...d,
      };
      detectors.set(stored.anomalyDetectorArn, stored);
      return stored;
    },
    close: () => served.close(),
  };
}
