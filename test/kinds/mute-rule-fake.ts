/**
 * A stateful stand-in for CloudWatch's alarm mute rules, which no emulator has: a loopback proxy in
 * front of the emulator that answers PutAlarmMuteRule, GetAlarmMuteRule, ListAlarmMuteRules and
 * DeleteAlarmMuteRule (JSON 1.0, as the SDK speaks to CloudWatch) from its own state, paging by
 * NextToken, and passes every other call through. Every request it answers and every answer it gives
 * is checked against botocore's model of CloudWatch (test/harness/api-model.ts); a request the model
 * refuses is answered as AWS would (ValidationError), so a test cannot pass on a request AWS rejects.
 * Like AWS, a Put naming an alarm that does not exist (asked of the emulator) is refused.
 */
import { request, type IncomingHttpHeaders, type ServerResponse } from 'http';
import { serveJsonFake } from '../harness/json-api-fake';
import { checkRequest, checkShape, loadModel, type Violation } from '../harness/api-model';

/** A rule as the fake keeps it: the request's fields (timestamps as epoch seconds, as sent on the wire). */
export interface StoredRule {
  readonly Name: string;
  readonly Description?: string;
  readonly Rule: { readonly Schedule: { Expression: string; Duration: string; Timezone?: string } };
  readonly MuteTargets?: { readonly AlarmNames: readonly string[] };
  readonly StartDate?: number;
  readonly ExpireDate?: number;
  readonly Tags?: readonly { Key: string; Value: string }[];
}

export interface MuteRuleFake {
  readonly url: string;
  readonly rules: Map<string, StoredRule>;
  readonly violations: string[];
  /** The mute-rule operations it answered, in order. */
  readonly calls: string[];
  close(): Promise<void>;
}

const MODEL = loadModel('cloudwatch');
const TARGET = 'GraniteServiceVersion20100801.';
const OWN = new Set(['PutAlarmMuteRule', 'GetAlarmMuteRule', 'ListAlarmMuteRules', 'DeleteAlarmMuteRule']);
const ACCOUNT = '000000000000';

const said = (vs: readonly Violation[]) => vs.map((v) => `${v.operation}${v.path}: ${v.rule}`);

export async function startMuteRuleFake(emulator: string, pageSize = 100, region = 'us-east-1'): Promise<MuteRuleFake> {
  const target = new URL(emulator);
  const rules = new Map<string, StoredRule>();
  const violations: string[] = [];
  const calls: string[] = [];
  const arn = (name: string) => `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm-mute-rule:${name}`;

  const answer = (res: ServerResponse, operation: string, status: number, body: Record<string, unknown>) => {
    if (status === 200) {
      const out: Violation[] = [];
      const shape = MODEL.operations[operation]?.output?.shape;
      if (shape) checkShape(MODEL, shape, body, '', out, operation);
      violations.push(...said(out).map((v) => `answer: ${v}`));
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const fail = (res: ServerResponse, operation: string, type: string, message: string) =>
    answer(res, operation, 400, { __type: type, message });

  /** The alarms among `names` the emulator does not have. */
  async function missingAlarms(names: readonly string[], headers: IncomingHttpHeaders): Promise<string[]> {
    if (names.length === 0) return [];
    const body = JSON.stringify({ AlarmNames: names, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
    const text = await new Promise<string>((resolve, reject) => {
      const up = request(
        {
          hostname: target.hostname,
          port: target.port,
          path: '/',
          method: 'POST',
          headers: {
            authorization: headers.authorization ?? '',
            'x-amz-date': headers['x-amz-date'] ?? '',
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': `${TARGET}DescribeAlarms`,
            'content-length': Buffer.byteLength(body),
            host: target.host,
          },
        },
        (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        },
      );
      up.on('error', reject);
      up.end(body);
    });
    const out = JSON.parse(text || '{}') as {
      MetricAlarms?: { AlarmName: string }[];
      CompositeAlarms?: { AlarmName: string }[];
    };
    const found = new Set([...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])].map((a) => a.AlarmName));
    return names.filter((n) => !found.has(n));
  }

  async function handle(
    operation: string,
    input: Record<string, unknown>,
    headers: IncomingHttpHeaders,
    res: ServerResponse,
  ): Promise<void> {
    calls.push(operation);
    const problems = said(checkRequest(MODEL, operation, input));
    if (problems.length > 0) {
      violations.push(...problems);
      return fail(res, operation, 'ValidationError', problems.join('; '));
    }
    if (operation === 'PutAlarmMuteRule') {
      const rule = input as unknown as StoredRule;
      const missing = await missingAlarms(rule.MuteTargets?.AlarmNames ?? [], headers);
      if (missing.length > 0)
        return fail(res, operation, 'ResourceNotFoundException', `no alarm ${missing.join(', ')}`);
      rules.set(rule.Name, rule);
      return answer(res, operation, 200, {});
    }
    if (operation === 'DeleteAlarmMuteRule') {
      // "If you delete a mute rule that does not exist, the operation succeeds."
      rules.delete(input.AlarmMuteRuleName as string);
      return answer(res, operation, 200, {});
    }
    if (operation === 'GetAlarmMuteRule') {
      const r = rules.get(input.AlarmMuteRuleName as string);
      if (!r) return fail(res, operation, 'ResourceNotFoundException', 'no such mute rule');
      return answer(res, operation, 200, {
        Name: r.Name,
        AlarmMuteRuleArn: arn(r.Name),
        ...(r.Description !== undefined ? { Description: r.Description } : {}),
        Rule: r.Rule,
        ...(r.MuteTargets ? { MuteTargets: r.MuteTargets } : {}),
        ...(r.StartDate !== undefined ? { StartDate: r.StartDate } : {}),
        ...(r.ExpireDate !== undefined ? { ExpireDate: r.ExpireDate } : {}),
        Status: 'SCHEDULED',
        MuteType: r.Rule.Schedule.Expression.startsWith('at(') ? 'ONE_TIME' : 'RECURRING',
        LastUpdatedTimestamp: Date.now() / 1000,
      });
    }
    const all = [...rules.values()]
      .filter(
        (r) => input.AlarmName === undefined || (r.MuteTargets?.AlarmNames ?? []).includes(input.AlarmName as string),
      )
      .sort((a, b) => a.Name.localeCompare(b.Name));
    const start = Number(input.NextToken ?? 0);
    const size = Math.min((input.MaxRecords as number | undefined) ?? 50, pageSize);
    return answer(res, operation, 200, {
      AlarmMuteRuleSummaries: all.slice(start, start + size).map((r) => ({
        AlarmMuteRuleArn: arn(r.Name),
        ...(r.ExpireDate !== undefined ? { ExpireDate: r.ExpireDate } : {}),
        Status: 'SCHEDULED',
        MuteType: r.Rule.Schedule.Expression.startsWith('at(') ? 'ONE_TIME' : 'RECURRING',
      })),
      ...(start + size < all.length ? { NextToken: String(start + size) } : {}),
    });
  }

  const served = await serveJsonFake(target, TARGET, (r) => {
    if (!OWN.has(r.operation)) return false;
    handle(r.operation, r.input(), r.req.headers, r.res).catch((err: unknown) =>
      fail(r.res, r.operation, 'InternalFailure', String(err)),
    );
    return true;
  });
  return {
    url: served.url,
    rules,
    violations,
    calls,
    close: () => served.close(),
  };
}
