/** The saved plan file without AWS: its format, its refusals, its digests, its writing, its stale lists. */
import { lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import {
  SAVED_PLAN_FORMAT,
  SAVED_PLAN_VERSION,
  parseSavedPlan,
  serializeSavedPlan,
  type SavedLive,
  type SavedPlanBody,
} from '../../src/saved-plan/format';
import { changedInputs, changedLive, describeChange, MAX_LISTED } from '../../src/saved-plan/compare';
import { digestKey, envDigest, keyedDigest, newSalt } from '../../src/saved-plan/digest';
import { buildSavedPlan, writeSavedPlan } from '../../src/saved-plan/save';
import { checkProvenance, readSavedPlan } from '../../src/saved-plan/apply';
import { execFileSync } from 'child_process';
import { MonitorsError } from '../../src/model';

const H = (c: string) => c.repeat(64);
const live = (over: Partial<SavedLive> = {}): SavedLive => ({
  id: H('a'),
  kind: 'metricAlarm',
  name: 'cpu-high',
  spec: { name: 'cpu-high', threshold: 80, description: '(sensitive)', tags: { team: 'a' } },
  sensitivePaths: ['description'],
  owned: true,
  digest: H('1'),
  ...over,
});

const body = (over: Partial<SavedPlanBody> = {}): SavedPlanBody => ({
  format: SAVED_PLAN_FORMAT,
  formatVersion: SAVED_PLAN_VERSION,
  tool: { name: 'monitors-as-code', version: '1.0.0' },
  createdAt: '2026-11-25T12:00:00.000Z',
  stack: 'teachme',
  directory: 'monitors',
  options: { adopt: true, allowMassDelete: false, maxDeleteShare: 0.5, tagSource: 'tagging-api' },
  inputs: { salt: 'ab'.repeat(16), files: [{ path: 'stack.yaml', sha256: H('f') }], env: [] },
  targets: [
    {
      accountId: '123456789012',
      region: 'us-east-1',
      liveFingerprint: H('2'),
      live: [live()],
      changes: [
        {
          action: 'update',
          id: H('a'),
          kind: 'metricAlarm',
          name: 'cpu-high',
          before: { threshold: 80 },
          after: { threshold: 90 },
          diffs: [{ path: 'threshold', before: 80, after: 90, forcesReplacement: false }],
          sensitivePaths: [],
          digest: H('3'),
        },
      ],
    },
  ],
  ...over,
});

const refusal = (text: string) => {
  try {
    parseSavedPlan(text, 'plan.json');
  } catch (err) {
    expect(err).toBeInstanceOf(MonitorsError);
    return (err as MonitorsError).message;
  }
  throw new Error('parsed');
};

/** A document with its checksum made right, so the field checks after it are what is tested. */
const forged = (doc: Record<string, unknown>) => {
  const { checksum: _, ...rest } = doc;
  return serializeSavedPlan(rest as unknown as SavedPlanBody);
};

describe('format', () => {
  test('round trip: what is written is read back, with a checksum of the rest', () => {
    const text = serializeSavedPlan(body());
    const parsed = parseSavedPlan(text, 'plan.json');
    expect(parsed).toMatchObject(body());
    expect(parsed.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(text.endsWith('\n')).toBe(true);
  });

  test('the same body always serializes to the same text (keys sorted)', () => {
    const b = body();
    const reordered = Object.fromEntries(Object.entries(b).reverse()) as unknown as SavedPlanBody;
    expect(serializeSavedPlan(reordered)).toBe(serializeSavedPlan(b));
  });

  test.each([
    ['', 'is not a valid saved plan: the file is not JSON'],
    ['{"format": "monitors-saved-plan"', 'the file is not JSON'],
    ['[1, 2]', 'the document is not an object'],
    ['null', 'the document is not an object'],
    ['{"formatVersion": 1, "summary": {}}', 'is a JSON plan for reading (plan --format json), not a saved plan'],
    ['{"format": "terraform"}', 'does not say "format": "monitors-saved-plan"'],
    [
      '{"format": "monitors-saved-plan", "formatVersion": 2}',
      'is saved plan format 2; this monitors reads format 1 only',
    ],
  ])('%j is refused', (text, message) => {
    expect(refusal(text)).toContain(message);
  });

  test('any edit without the checksum redone is refused as modified', () => {
    const text = serializeSavedPlan(body()).replace('"threshold": 90', '"threshold": 95');
    expect(text).toContain('95');
    expect(refusal(text)).toContain('plan.json was modified after it was written');
    expect(refusal(serializeSavedPlan(body()).replace(/"checksum": "[0-9a-f]+"/, '"checksum": 1'))).toContain(
      'was modified',
    );
  });

  test('with the checksum forged, every field is still checked, naming where it is wrong', () => {
    // A loose JSON shape: the edits below reach into it as a forger would.
    type Loose = any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const doc = JSON.parse(serializeSavedPlan(body())) as Loose;
    const cases: [(d: Loose) => void, string][] = [
      [(d) => delete d.targets, 'targets is not a list'],
      [(d) => (d.targets[0].accountId = '12345'), 'targets[0].accountId is not a 12-digit account id'],
      [(d) => (d.targets[0].changes[0].action = 'destroy'), 'targets[0].changes[0].action is not a plan action'],
      [(d) => (d.targets[0].changes[0].kind = 'bucket'), 'targets[0].changes[0].kind is not a kind'],
      [(d) => (d.targets[0].changes[0].digest = 'x'), 'targets[0].changes[0].digest is not a sha256 digest'],
      [(d) => (d.targets[0].live[0].owned = 'yes'), 'targets[0].live[0].owned is not true or false'],
      [(d) => (d.inputs.files[0].sha256 = H('F')), 'inputs.files[0].sha256 is not a sha256 digest'],
      [(d) => (d.options.tagSource = 'guess'), 'options.tagSource is not valid'],
      [(d) => (d.options.maxDeleteShare = 7), 'options.maxDeleteShare is not 0..1'],
      [(d) => (d.stack = 'x'.repeat(300)), 'stack is not a string'],
    ];
    for (const [edit, message] of cases) {
      const d = JSON.parse(JSON.stringify(doc)) as Loose;
      edit(d);
      expect(refusal(forged(d))).toContain(message);
    }
  });

  test('a __proto__ key is data, never a prototype', () => {
    const text = forged({ ...JSON.parse(serializeSavedPlan(body())), extra: JSON.parse('{"__proto__": {"x": 1}}') });
    const parsed = parseSavedPlan(text, 'plan.json');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(parsed.stack).toBe('teachme');
  });
});

describe('digests', () => {
  const secret = { envName: 'HOOK', value: 'hunter2' };

  test('an env digest depends on the salt, the name and the value, and never contains the value', async () => {
    const salt = newSalt();
    expect(salt).toMatch(/^[0-9a-f]{32}$/);
    const d = await envDigest(salt, secret);
    expect(d).toMatch(/^[0-9a-f]{64}$/);
    expect(await envDigest(salt, secret)).toBe(d);
    expect(await envDigest(newSalt(), secret)).not.toBe(d);
    expect(await envDigest(salt, { ...secret, envName: 'OTHER' })).not.toBe(d);
    expect(await envDigest(salt, { ...secret, value: 'hunter3' })).not.toBe(d);
  });

  test('keyed digests change with the key, so with any env value', async () => {
    const salt = newSalt();
    const k1 = await digestKey(salt, [secret]);
    const k2 = await digestKey(salt, [{ ...secret, value: 'other' }]);
    expect(keyedDigest(k1, { a: 1, b: 2 })).toBe(keyedDigest(k1, { b: 2, a: 1 }));
    expect(keyedDigest(k1, { a: 1 })).not.toBe(keyedDigest(k2, { a: 1 }));
  });
});

describe('what changed, as people read it', () => {
  test('a changed field shows both values; a sensitive one never does', () => {
    const then = live();
    expect(describeChange(then, live({ spec: { ...then.spec, threshold: 95 }, digest: H('9') }))).toBe(
      'threshold 80 → 95',
    );
    const hidden = describeChange(then, live({ digest: H('9') }));
    expect(hidden).toBe('a sensitive field changed (values are never shown)');
    const owner = describeChange(then, live({ owned: false, ownerStack: 'payments', digest: H('9') }));
    expect(owner).toBe('(owner) "this stack" → "stack payments"');
    const confirmed = describeChange(live({ pendingConfirmation: true }), live({ digest: H('9') }));
    expect(confirmed).toBe('(pending confirmation) true → false');
  });

  test('a field sensitive only now is masked too, and control characters are spelled out', () => {
    const then = live({ sensitivePaths: [], spec: { name: 'cpu-high', tags: { note: 'a' } } });
    const now = live({ sensitivePaths: ['tags.note'], spec: { name: 'cpu-high', tags: { note: '(sensitive)' } } });
    expect(describeChange(then, now)).toBe('a sensitive field changed (values are never shown)');
    const evil = live({ name: 'x\u001b[2J\ny', spec: { threshold: 'a\u202eb' }, sensitivePaths: [], digest: H('9') });
    const lines = changedLive([live({ name: 'x\u001b[2J\ny', sensitivePaths: [] })], [evil]);
    expect(lines.join('\n')).not.toMatch(/[\u001b\u202e]/); // eslint-disable-line no-control-regex
    expect(lines[0]).toContain('\\u000a');
  });

  test('deleted, created and changed resources are listed; a long list is cut', () => {
    const a = live({ id: H('a') });
    const b = live({ id: H('b'), name: 'gone' });
    const c = live({ id: H('c'), name: 'new', owned: false, ownerStack: 'other' });
    const lines = changedLive([a, b], [{ ...a, spec: { ...a.spec, threshold: 1 }, digest: H('9') }, c]);
    expect(lines).toEqual([
      'metric alarm cpu-high: threshold 80 → 1',
      'metric alarm gone: deleted since the plan',
      'metric alarm new: created by stack other since the plan',
    ]);
    expect(changedLive([a], [a])).toEqual([]);
    const many = Array.from({ length: MAX_LISTED + 5 }, (_, i) => live({ id: i.toString(16).padStart(64, '0') }));
    const cut = changedLive(many, []);
    expect(cut).toHaveLength(MAX_LISTED + 1);
    expect(cut[MAX_LISTED]).toBe('… and 5 more resource(s)');
  });

  test('files changed, added, removed; env values changed, dropped, added', async () => {
    const salt = newSalt();
    const saved = parseSavedPlan(
      serializeSavedPlan(
        body({
          inputs: {
            salt,
            files: [
              { path: 'a.yaml', sha256: H('1') },
              { path: 'b.yaml', sha256: H('2') },
              { path: 'c.yaml', sha256: H('3') },
            ],
            env: [
              { name: 'KEEP', digest: await envDigest(salt, { envName: 'KEEP', value: 'k' }) },
              { name: 'EDIT', digest: await envDigest(salt, { envName: 'EDIT', value: 'old' }) },
              { name: 'DROP', digest: await envDigest(salt, { envName: 'DROP', value: 'd' }) },
            ],
          },
        }),
      ),
      'plan.json',
    );
    const lines = await changedInputs(
      saved,
      [
        { path: 'a.yaml', sha256: H('1') },
        { path: 'b.yaml', sha256: H('9') },
        { path: 'd.yaml', sha256: H('4') },
      ],
      [
        { envName: 'KEEP', value: 'k' },
        { envName: 'EDIT', value: 'new' },
        { envName: 'ADD', value: 'a' },
      ],
    );
    expect(lines).toEqual([
      `${path.join('monitors', 'b.yaml')}: changed since the plan`,
      `${path.join('monitors', 'c.yaml')}: removed since the plan`,
      `${path.join('monitors', 'd.yaml')}: added since the plan`,
      '${env:EDIT}: a different value than when the plan was made (values are never shown)',
      '${env:DROP}: no longer used',
      '${env:ADD}: newly used',
    ]);
    expect(lines.join('\n')).not.toMatch(/\bold\b|\bnew\b(?! used)/);
  });
});

describe('writing the file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'saved-plan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('mode 0600, also over an existing file that was readable by all', async () => {
    const file = path.join(dir, 'plan.json');
    writeFileSync(file, 'old', { mode: 0o644 });
    await writeSavedPlan(file, body());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseSavedPlan(readFileSync(file, 'utf8'), file).stack).toBe('teachme');
  });

  test('a symlink at the path is refused, and what it points at is untouched', async () => {
    const target = path.join(dir, 'victim');
    writeFileSync(target, 'precious');
    const link = path.join(dir, 'link.json');
    symlinkSync(target, link);
    await expect(writeSavedPlan(link, body())).rejects.toThrow('is a symbolic link');
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});

describe('reading the file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'saved-plan-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a missing file, a directory, a FIFO and a hostile nesting are refused in a sentence', async () => {
    await expect(readSavedPlan(path.join(dir, 'none.json'))).rejects.toThrow(
      `cannot read the saved plan ${path.join(dir, 'none.json')}: ENOENT`,
    );
    await expect(readSavedPlan(dir)).rejects.toThrow('it is not a regular file');
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(readSavedPlan(fifo)).rejects.toThrow('it is not a regular file');
    const deep = path.join(dir, 'deep.json');
    const nest = 200_000;
    writeFileSync(
      deep,
      `{"format":"monitors-saved-plan","formatVersion":1,"x":${'['.repeat(nest)}${']'.repeat(nest)}}`,
    );
    const err = await readSavedPlan(deep).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MonitorsError);
    expect((err as Error).message).toMatch(/is not a valid saved plan: the file is (nested too deeply|not JSON)/);
  });
});

test('a plan a guard refuses is not saved', async () => {
  const plan = {
    version: 1 as const,
    stack: 's',
    region: 'us-east-1',
    accountId: '123456789012',
    changes: [],
    guards: [{ name: 'delete-all' as const, refused: true, message: 'would delete everything' }],
    notices: [],
    liveFingerprint: H('0'),
  };
  const desired = {
    settings: { name: 's', formerNames: [], region: 'us-east-1', defaultTags: {} },
    resources: [],
    secrets: [],
    warnings: [],
    files: [],
  };
  const run = { plan, desired, live: { region: 'us-east-1', accountId: '123456789012', resources: [] }, calls: {} };
  const context = {
    directory: 'monitors',
    options: body().options,
    tool: body().tool,
    now: new Date(),
  };
  await expect(buildSavedPlan(run, context)).rejects.toThrow(
    'the plan is refused by a guard (see above), so it was not saved',
  );
  await expect(buildSavedPlan({ ...run, plan: { ...plan, guards: [] } }, context)).resolves.toMatchObject({
    stack: 's',
  });
});

describe('which entries a file holds', () => {
  const tool = { name: 'monitors-as-code', version: '1.0.0' };
  const entry = body().targets[0];
  if (!entry) throw new Error('the fixture has an entry');
  const withTargets = (targets: SavedPlanBody['targets']) =>
    parseSavedPlan(serializeSavedPlan(body({ targets })), 'p.json');

  test('a target name is read back; one unnamed entry is a stack without targets', () => {
    const named = withTargets([
      { ...entry, target: 'prod' },
      { ...entry, target: 'prod', region: 'eu-west-1' },
    ]);
    expect(named.targets.map((t) => t.target)).toEqual(['prod', 'prod']);
    expect(checkProvenance(named, 'p.json', tool)).toEqual({ targets: named.targets });
    const single = withTargets([entry]);
    expect(checkProvenance(single, 'p.json', tool)).toEqual({ single: single.targets[0] });
  });

  test.each([
    ['no entry', [], 'holds 0 targets without their names'],
    ['two unnamed entries', [entry, { ...entry, region: 'eu-west-1' }], 'holds 2 targets without their names'],
    ['named and unnamed mixed', [{ ...entry, target: 'prod' }, entry], 'mixes entries with and without a target'],
    [
      'one target twice',
      [
        { ...entry, target: 'prod' },
        { ...entry, target: 'prod' },
      ],
      'names one target twice',
    ],
  ])('%s is refused before any AWS call', (_, targets, message) => {
    expect(() => checkProvenance(withTargets(targets), 'p.json', tool)).toThrow(message);
  });
});
