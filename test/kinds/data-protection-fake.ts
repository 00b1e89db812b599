/**
 * A stateful stand-in for CloudWatch Logs' data-protection policies, which no emulator has: a
 * loopback proxy in front of the emulator that answers Put/Get/DeleteDataProtectionPolicy from its
 * own state (one document per log group) and passes every other call through (log groups and their
 * tags reach the emulator). Every request it answers and every answer it gives is checked against
 * botocore's model (harness/api-model.ts); a request that breaks the model is refused as AWS would.
 */
import { type ServerResponse } from 'http';
import { serveJsonFake } from '../harness/json-api-fake';
import { checkRequest, checkShape, loadModel, type Violation } from '../harness/api-model';

export interface DataProtectionFake {
  readonly url: string;
  /** Policy documents by log group name. */
  readonly policies: Map<string, string>;
  readonly violations: Violation[];
  readonly calls: { readonly operation: string; readonly input: Record<string, unknown> }[];
  close(): Promise<void>;
}

const OPS = new Set(['PutDataProtectionPolicy', 'GetDataProtectionPolicy', 'DeleteDataProtectionPolicy']);

/** The log group's name in an identifier that may be its ARN. */
const groupName = (id: string) => id.replace(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '');

export async function startDataProtectionFake(emulator: string): Promise<DataProtectionFake> {
  const model = loadModel('logs');
  const policies = new Map<string, string>();
  const violations: Violation[] = [];
  const calls: { operation: string; input: Record<string, unknown> }[] = [];

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

  function handle(operation: string, input: Record<string, unknown>, res: ServerResponse): void {
    calls.push({ operation, input });
    const problems = checkRequest(model, operation, input);
    if (problems.length > 0) {
      violations.push(...problems);
      return fail(res, operation, 'InvalidParameterException', problems.map((p) => `${p.path}: ${p.rule}`).join('; '));
    }
    const id = input.logGroupIdentifier as string;
    const name = groupName(id);
    switch (operation) {
      case 'PutDataProtectionPolicy': {
        const doc = input.policyDocument as string;
        try {
          JSON.parse(doc);
        } catch {
          return fail(res, operation, 'InvalidParameterException', 'the policy document is not JSON');
        }
        policies.set(name, doc);
        return answer(res, operation, 200, {
          logGroupIdentifier: id,
          policyDocument: doc,
          lastUpdatedTime: Date.now(),
        });
      }
      case 'GetDataProtectionPolicy': {
        const doc = policies.get(name);
        return answer(res, operation, 200, {
          logGroupIdentifier: id,
          ...(doc !== undefined ? { policyDocument: doc, lastUpdatedTime: 1 } : {}),
        });
      }
      case 'DeleteDataProtectionPolicy':
        if (!policies.delete(name))
          return fail(res, operation, 'ResourceNotFoundException', `log group ${name} has no data protection policy`);
        return answer(res, operation, 200, {});
      default:
        return fail(res, operation, 'InvalidOperationException', `unknown action ${operation}`);
    }
  }

  const served = await serveJsonFake(new URL(emulator), 'Logs_20140328.', (r) => {
    if (!OPS.has(r.operation)) return false;
    handle(r.operation, r.input(), r.res);
    return true;
  });
  return { url: served.url, policies, violations, calls, close: () => served.close() };
}
