/**
 * What the emulator cannot show about the apply lock: a PutParameter whose answer was lost and that
 * the SDK retried (the lock found is our own), and waiting on a fake clock until the holder releases.
 */
import { DeleteParameterCommand, GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { acquireLock, whileHeld } from '../../src/apply/lock';

const ssm = mockClient(SSMClient);
afterEach(() => ssm.reset());
afterAll(() => ssm.restore());
const client = () =>
  new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' }, maxAttempts: 1 });
const awsError = (name: string) => Object.assign(new Error(`${name} happened`), { name });
const identity = { by: 'alice', host: 'laptop', pid: 7 };

function fakeClock(start = Date.parse('2026-11-25T12:00:00Z')) {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

test('a put whose answer was lost and came back ParameterAlreadyExists on the retry finds its own lock and holds it', async () => {
  let stored: string | undefined;
  ssm.on(PutParameterCommand).callsFake((input: { Value?: string }) => {
    stored = input.Value;
    throw awsError('ParameterAlreadyExists');
  });
  ssm.on(GetParameterCommand).callsFake(() => ({ Parameter: { Value: stored } }));
  const lock = await acquireLock(client(), {
    stack: 'shop',
    region: 'us-east-1',
    identity,
    ttlSeconds: 600,
    waitSeconds: 0,
    clock: fakeClock(),
  });
  expect(lock.record.by).toBe('alice');
  expect(ssm.commandCalls(PutParameterCommand)).toHaveLength(1);
});

test('a held lock is waited for, polling, until its holder releases it; then it is ours', async () => {
  const clock = fakeClock();
  const holder = JSON.stringify({
    by: 'bob',
    host: 'ci',
    pid: 1,
    acquiredAt: new Date(clock.now()).toISOString(),
    ttlSeconds: 600,
    token: 'bob',
  });
  let gets = 0;
  ssm
    .on(PutParameterCommand)
    .rejectsOnce(awsError('ParameterAlreadyExists'))
    .rejectsOnce(awsError('ParameterAlreadyExists'))
    .rejectsOnce(awsError('ParameterAlreadyExists'))
    .resolves({ Version: 1 });
  ssm.on(GetParameterCommand).callsFake(() => {
    gets += 1;
    return { Parameter: { Value: holder } };
  });
  ssm.on(DeleteParameterCommand).resolves({});
  const lock = await acquireLock(client(), {
    stack: 'shop',
    region: 'us-east-1',
    identity,
    ttlSeconds: 600,
    waitSeconds: 30,
    pollMs: 5000,
    clock,
  });
  expect(clock.sleeps).toEqual([5000, 5000, 5000]);
  expect(gets).toBe(3);
  expect(lock.tookOver).toBeUndefined();
});

test('waiting gives up at the deadline with the holder named, and never overwrites a live lock', async () => {
  const clock = fakeClock();
  const holder = JSON.stringify({
    by: 'bob\u001b[31m',
    host: 'ci',
    pid: 1,
    acquiredAt: new Date(clock.now()).toISOString(),
    ttlSeconds: 600,
    token: 'bob',
  });
  ssm.on(PutParameterCommand).rejects(awsError('ParameterAlreadyExists'));
  ssm.on(GetParameterCommand).resolves({ Parameter: { Value: holder } });
  const attempt = acquireLock(client(), {
    stack: 'shop',
    region: 'us-east-1',
    identity,
    ttlSeconds: 600,
    waitSeconds: 12,
    pollMs: 5000,
    clock,
  });
  await expect(attempt).rejects.toMatchObject({
    code: 'LOCKED',
    // The holder's name as stored is hostile input: control characters never reach a terminal.
    message: expect.stringContaining(
      'holds the lock /monitors/shop/lock after waiting 12s: bob?[31m on ci (pid 1), taken 12s ago',
    ),
  });
  expect(clock.sleeps).toEqual([5000, 5000, 2000]);
  expect(ssm.commandCalls(PutParameterCommand).every((c) => c.args[0].input.Overwrite === false)).toBe(true);
});

test('release leaves a lock that is no longer ours (taken over after our TTL) in place', async () => {
  ssm.on(PutParameterCommand).resolves({ Version: 1 });
  ssm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify({ by: 'carol', token: 'other' }) } });
  ssm.on(DeleteParameterCommand).resolves({});
  const lock = await acquireLock(client(), {
    stack: 'shop',
    region: 'us-east-1',
    identity,
    ttlSeconds: 600,
    waitSeconds: 0,
  });
  await lock.release();
  expect(ssm.commandCalls(DeleteParameterCommand)).toHaveLength(0);
});

test('a held lock is renewed while the apply runs, so an apply longer than the TTL never looks abandoned', async () => {
  let stored: string | undefined;
  ssm.on(PutParameterCommand).callsFake((input: { Value?: string }) => {
    stored = input.Value;
    return { Version: 1 };
  });
  ssm.on(GetParameterCommand).callsFake(() => ({ Parameter: { Value: stored } }));
  ssm.on(DeleteParameterCommand).resolves({});
  const lock = await acquireLock(client(), {
    stack: 'shop',
    region: 'us-east-1',
    identity,
    ttlSeconds: 3,
    waitSeconds: 0,
  });
  await new Promise((r) => setTimeout(r, 1300));
  const renewals = ssm.commandCalls(PutParameterCommand).filter((c) => c.args[0].input.Overwrite === true);
  expect(renewals).toHaveLength(1);
  const renewed = JSON.parse(stored ?? '{}') as { token: string; renewedAt?: string; acquiredAt: string };
  expect(renewed.token).toBe(lock.record.token);
  expect(Date.parse(renewed.renewedAt ?? '')).toBeGreaterThan(Date.parse(renewed.acquiredAt));
  await lock.release();
  await new Promise((r) => setTimeout(r, 1100));
  expect(ssm.commandCalls(PutParameterCommand).filter((c) => c.args[0].input.Overwrite === true)).toHaveLength(1);
});

test('a lock taken long ago but renewed within its TTL is alive: not taken over', async () => {
  const clock = fakeClock();
  const holder = JSON.stringify({
    by: 'bob',
    host: 'ci',
    pid: 1,
    acquiredAt: new Date(clock.now() - 2 * 3600_000).toISOString(),
    renewedAt: new Date(clock.now() - 60_000).toISOString(),
    ttlSeconds: 3600,
    token: 'bob',
  });
  ssm.on(PutParameterCommand).rejects(awsError('ParameterAlreadyExists'));
  ssm.on(GetParameterCommand).resolves({ Parameter: { Value: holder } });
  await expect(
    acquireLock(client(), { stack: 'shop', region: 'us-east-1', identity, ttlSeconds: 600, waitSeconds: 0, clock }),
  ).rejects.toMatchObject({ code: 'LOCKED', message: expect.stringContaining('bob on ci (pid 1), taken 2h ago') });
  expect(ssm.commandCalls(PutParameterCommand).every((c) => c.args[0].input.Overwrite === false)).toBe(true);
});

describe('the lock by the server’s clock (issue 20)', () => {
  test('a lock whose holder’s clock is 31 minutes behind is alive while SSM says it was written just now', async () => {
    const clock = fakeClock();
    // The holder wrote its own (skewed) time; SSM stamped the parameter with its own.
    const holder = JSON.stringify({
      by: 'bob',
      host: 'skewed',
      pid: 1,
      acquiredAt: new Date(clock.now() - 31 * 60_000).toISOString(),
      ttlSeconds: 1800,
      token: 'bob',
    });
    ssm.on(PutParameterCommand).rejects(awsError('ParameterAlreadyExists'));
    ssm
      .on(GetParameterCommand)
      .resolves({ Parameter: { Value: holder, LastModifiedDate: new Date(clock.now() - 5_000) } });
    await expect(
      acquireLock(client(), { stack: 'shop', region: 'us-east-1', identity, ttlSeconds: 1800, waitSeconds: 0, clock }),
    ).rejects.toMatchObject({ code: 'LOCKED' });
    expect(ssm.commandCalls(PutParameterCommand).every((c) => c.args[0].input.Overwrite === false)).toBe(true);
  });

  test('a lock SSM last saw written over a TTL ago is taken over, whatever times its record claims', async () => {
    const clock = fakeClock();
    const holder = JSON.stringify({
      by: 'bob',
      host: 'ahead',
      pid: 1,
      acquiredAt: new Date(clock.now() + 3600_000).toISOString(),
      ttlSeconds: 1800,
      token: 'bob',
    });
    let stored = holder;
    let modified = new Date(clock.now() - 31 * 60_000);
    ssm.on(PutParameterCommand).callsFake((input: { Value?: string; Overwrite?: boolean }) => {
      if (!input.Overwrite) throw awsError('ParameterAlreadyExists');
      stored = input.Value ?? '';
      modified = new Date(clock.now());
      return { Version: 2 };
    });
    ssm.on(GetParameterCommand).callsFake(() => ({ Parameter: { Value: stored, LastModifiedDate: modified } }));
    const lock = await acquireLock(client(), {
      stack: 'shop',
      region: 'us-east-1',
      identity,
      ttlSeconds: 1800,
      waitSeconds: 0,
      clock,
    });
    expect(lock.tookOver?.by).toBe('bob');
    await lock.release();
  });

  test('a run that loses its lock stops every AWS call at once and says why', async () => {
    let stored: string | undefined;
    ssm.on(PutParameterCommand).callsFake((input: { Value?: string }) => {
      stored = input.Value;
      return { Version: 1 };
    });
    ssm.on(GetParameterCommand).callsFake(() => ({ Parameter: { Value: stored, LastModifiedDate: new Date() } }));
    const lock = await acquireLock(client(), {
      stack: 'shop',
      region: 'us-east-1',
      identity,
      ttlSeconds: 3,
      waitSeconds: 0,
    });
    const calls: string[] = [];
    const hook = whileHeld(lock, async (service, operation) => {
      calls.push(`${service}.${operation}`);
    });
    await hook('CloudWatch', 'PutMetricAlarm');
    expect(lock.lost()).toBeUndefined();
    // Another run takes it over (its TTL passed by its clock, say).
    stored = JSON.stringify({
      by: 'carol',
      host: 'ci-9',
      pid: 9,
      acquiredAt: new Date().toISOString(),
      ttlSeconds: 3,
      token: 'carol',
    });
    await new Promise((r) => setTimeout(r, 1300));
    expect(lock.lost()).toContain('taken over by carol on ci-9 (pid 9)');
    await expect(hook('CloudWatch', 'DeleteAlarms')).rejects.toMatchObject({
      code: 'LOCKED',
      message: expect.stringContaining('stopped before CloudWatch.DeleteAlarms'),
    });
    expect(calls).toEqual(['CloudWatch.PutMetricAlarm']);
    await lock.release();
    expect(ssm.commandCalls(DeleteParameterCommand)).toHaveLength(0);
  });
});
