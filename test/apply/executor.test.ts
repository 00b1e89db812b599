import { applyPlan, type ChangeOutcome } from '../../src/apply/executor';
import type { ApplyContext, HandlerTable, KindHandler } from '../../src/kinds/handler';
import type { Change, Plan, ResourceKey, ResourceKind, ResourceSpec } from '../../src/model';
import { RESOURCE_KINDS } from '../../src/kinds/registry';
import type { TopicSpec, SubscriptionSpec } from '../../src/kinds/specs';

const region = 'us-east-1';
const topic = (name: string): TopicSpec => ({ kind: 'topic', name, fifo: false, tags: {} });
const sub = (topicName: string, endpoint: string): SubscriptionSpec => ({
  kind: 'subscription',
  topicName,
  protocol: 'email',
  endpoint,
  rawMessageDelivery: false,
});
const keyOfSpec = (s: ResourceSpec): ResourceKey =>
  s.kind === 'subscription'
    ? { kind: s.kind, region, name: `${s.protocol}:${s.endpoint}`, parent: s.topicName }
    : { kind: s.kind, region, name: (s as TopicSpec).name };
const create = (s: ResourceSpec): Change => ({ action: 'create', key: keyOfSpec(s), after: s });
const remove = (s: ResourceSpec): Change => ({
  action: 'delete',
  key: keyOfSpec(s),
  before: s,
  reason: 'test',
  seen: 'x',
});
const plan = (changes: Change[]): Plan => ({
  version: 1,
  stack: 's',
  region,
  accountId: '123456789012',
  changes,
  guards: [],
  notices: [],
  liveFingerprint: 'x',
});

interface Recorder {
  log: string[];
  active: number;
  maxActive: number;
}

/** Fake handlers that record calls; `fail` names fail with the given error. */
function fakeHandlers(rec: Recorder, fail: Record<string, unknown> = {}, delayMs = 5): HandlerTable {
  const handler = <K extends ResourceKind>(kind: K): KindHandler<K> => {
    const act = async (verb: string, spec: ResourceSpec) => {
      const name = keyOfSpec(spec).name;
      rec.active++;
      rec.maxActive = Math.max(rec.maxActive, rec.active);
      await new Promise((r) => setTimeout(r, delayMs));
      rec.active--;
      const err = fail[`${verb} ${name}`];
      if (err) {
        const next = Array.isArray(err) ? err.shift() : err;
        if (next) throw next;
      }
      rec.log.push(`${verb} ${name}`);
    };
    return {
      kind,
      diff: () => [],
      dependsOn: (spec) => {
        const s = spec as ResourceSpec;
        return s.kind === 'subscription' ? [{ kind: 'topic', region, name: s.topicName }] : [];
      },
      create: (_ctx, spec) => act('create', spec),
      update: (_ctx, _b, after) => act('update', after),
      remove: (_ctx, spec) => act('remove', spec),
    };
  };
  // Every kind, from the registry: a new kind needs no line here.
  return Object.fromEntries(RESOURCE_KINDS.map((kind) => [kind, handler(kind)])) as unknown as HandlerTable;
}

const ctx = {} as ApplyContext;
const noSleep = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined, random: () => 0 };
const awsError = (name: string, status: number) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });

describe('applyPlan', () => {
  it('creates a topic before its subscription and deletes a subscription before its topic', async () => {
    const rec: Recorder = { log: [], active: 0, maxActive: 0 };
    // Listed child-first on purpose: the executor, not the list order, must enforce dependencies.
    await applyPlan(plan([create(sub('t1', 'a@x.io')), create(topic('t1'))]), { handlers: fakeHandlers(rec), ctx });
    expect(rec.log).toEqual(['create t1', 'create email:a@x.io']);

    const rec2: Recorder = { log: [], active: 0, maxActive: 0 };
    await applyPlan(plan([remove(topic('t1')), remove(sub('t1', 'a@x.io'))]), { handlers: fakeHandlers(rec2), ctx });
    expect(rec2.log).toEqual(['remove email:a@x.io', 'remove t1']);
  });

  it('runs every delete after every other change, even unrelated ones', async () => {
    const rec: Recorder = { log: [], active: 0, maxActive: 0 };
    // The slow create is listed last: without the rule, the deletes would finish first.
    const result = await applyPlan(plan([remove(topic('old1')), remove(topic('old2')), create(topic('new'))]), {
      handlers: fakeHandlers(rec, {}, 10),
      ctx,
    });
    expect(result.done).toBe(3);
    expect(rec.log[0]).toBe('create new');
  });

  it('runs independent changes concurrently but never more than the concurrency bound', async () => {
    const rec: Recorder = { log: [], active: 0, maxActive: 0 };
    const changes = Array.from({ length: 12 }, (_, i) => create(topic(`t${i}`)));
    const result = await applyPlan(plan(changes), { handlers: fakeHandlers(rec, {}, 20), ctx, concurrency: 3 });
    expect(result.done).toBe(12);
    expect(rec.maxActive).toBe(3);
  });

  it('skips the dependents of a failed change, reports the AWS code, and still applies independent ones', async () => {
    const rec: Recorder = { log: [], active: 0, maxActive: 0 };
    const handlers = fakeHandlers(rec, { 'create bad': awsError('InvalidParameterValue', 400) });
    const result = await applyPlan(plan([create(topic('bad')), create(sub('bad', 'a@x.io')), create(topic('good'))]), {
      handlers,
      ctx,
      retry: noSleep,
    });
    const byName = (n: string) => result.outcomes.find((o) => o.change.key.name === n) as ChangeOutcome;
    expect(byName('bad')).toMatchObject({ status: 'failed', error: { awsCode: 'InvalidParameterValue' } });
    expect(byName('email:a@x.io')).toMatchObject({ status: 'skipped', reason: 'depends on topic bad, which failed' });
    expect(byName('good').status).toBe('done');
    expect([result.done, result.failed, result.skipped]).toEqual([1, 1, 1]);
  });

  it('retries throttling and 5xx until the change succeeds, but not a validation error', async () => {
    const rec: Recorder = { log: [], active: 0, maxActive: 0 };
    const handlers = fakeHandlers(rec, {
      'create flaky': [awsError('Throttling', 400), awsError('InternalFailure', 500)],
      'create invalid': [awsError('ValidationError', 400), undefined],
    });
    const result = await applyPlan(plan([create(topic('flaky')), create(topic('invalid'))]), {
      handlers,
      ctx,
      retry: noSleep,
    });
    expect(result.outcomes.map((o) => `${o.change.key.name}:${o.status}`).sort()).toEqual([
      'flaky:done',
      'invalid:failed',
    ]);
  });

  it('replaces by removing the old resource before creating the new one', async () => {
    const rec: Recorder = { log: [], active: 0, maxActive: 0 };
    const before = topic('t');
    const after = { ...before, fifo: true };
    const change: Change = {
      action: 'replace',
      key: keyOfSpec(before),
      before,
      after,
      diffs: [],
      reason: 'fifo',
      seen: 'x',
    };
    await applyPlan(plan([change]), { handlers: fakeHandlers(rec), ctx });
    expect(rec.log).toEqual(['remove t', 'create t']);
  });
});
