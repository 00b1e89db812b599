/**
 * Sensitivity follows fields, not strings: real files loaded with `${env:}` values, a live state
 * holding old values, the pure planner, then every renderer (text, markdown, JSON, apply summary).
 * Each attack of issue 8 is one case; each asserts the raw secret and its obvious transforms
 * (JSON-escaped, lower- and upper-cased, any long fragment) appear in no output.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { renderApplySummary } from '../../src/render/apply-summary';
import { loadStack, withAccountId } from '../../src/config/load';
import {
  OWNER_TAG,
  SENSITIVE_TAG,
  type DesiredStack,
  type LiveResource,
  type Plan,
  type ResourceSpec,
  type SpecOf,
} from '../../src/model';
import { computePlan } from '../../src/plan/diff-plan';
import { renderJson, renderMarkdown, renderText } from '../../src/render';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const STACK = 'stack:\n  name: shop\n  region: eu-west-1\n';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function load(files: Record<string, string>, env: Record<string, string>): Promise<DesiredStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-sensitive-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries({ 'stack.yaml': STACK, ...files }))
    writeFileSync(path.join(dir, name), text);
  return withAccountId(await loadStack(dir, { env }), ACCOUNT);
}

const owned = (spec: ResourceSpec, extra: Partial<LiveResource> = {}): LiveResource => ({
  spec,
  owned: true,
  arn: 'arn:aws:x',
  ...extra,
});
const ownTags = { [OWNER_TAG]: 'shop' };
const liveTopic = owned({ kind: 'topic', name: 'alerts', fifo: false, tags: ownTags });
const liveSub = (protocol: SpecOf<'subscription'>['protocol'], endpoint: string): LiveResource =>
  owned({ kind: 'subscription', topicName: 'alerts', protocol, endpoint, rawMessageDelivery: false });

function plan(desired: DesiredStack, live: LiveResource[], adopt = true): Plan {
  return computePlan(
    desired,
    { region: REGION, accountId: ACCOUNT, resources: [liveTopic, ...live] },
    { adopt, allowMassDelete: true, maxDeleteShare: 1, liveFingerprint: 'f' },
  );
}

/** Every renderer's output for a plan, and the apply summary of a run where every change failed. */
function outputs(p: Plan): string[] {
  const failed = {
    outcomes: p.changes.map((change) => ({
      status: 'failed' as const,
      change,
      // AWS's message may quote the request: it must not get through for a sensitive change.
      error: { awsCode: 'InvalidParameter', message: JSON.stringify('after' in change ? change.after : change.before) },
    })),
    done: 0,
    failed: p.changes.length,
    skipped: 0,
    durationMs: 1,
  };
  return [
    renderText(p, { color: false }),
    renderText(p, { color: true }),
    renderMarkdown(p),
    renderJson(p),
    renderApplySummary(failed),
  ];
}

/** The secret and what formatting could turn it into. */
function transforms(secret: string): string[] {
  const forms = [secret, JSON.stringify(secret).slice(1, -1), secret.toLowerCase(), secret.toUpperCase()];
  // Any 12-character stretch: a word diff or a cut would show a fragment. A URL's scheme and host
  // are what the mask keeps on purpose, so stretches inside them are not fragments of the secret.
  const shown = `${/^https?:\/\/[^/?#:]*/i.exec(secret)?.[0].toLowerCase() ?? ''}/`;
  if (secret.length > 24)
    for (let i = 0; i + 12 <= secret.length; i += 6)
      if (!shown.includes(secret.slice(i, i + 12).toLowerCase())) forms.push(secret.slice(i, i + 12));
  return [...new Set(forms)];
}

function expectNoLeak(p: Plan, ...secrets: string[]): void {
  for (const out of outputs(p))
    for (const s of secrets) for (const form of transforms(s)) expect(out).not.toContain(form);
}

const alarmYaml = (name: string, extra = '') =>
  `alarms:\n  - name: ${name}\n    metric: { namespace: Shop, name: Errors, stat: Sum }\n    threshold: '>= 1'\n${extra}`;

describe('secrets in plans', () => {
  test('a rotated webhook: the old URL (only in live state) and the new one are masked to scheme and host', async () => {
    const oldUrl = 'https://hooks.slack.com/services/T000/B000/OLDSECRETxxxxxxxx';
    const newUrl = 'https://hooks.slack.com/services/T000/B000/NEWSECRETyyyyyyyy';
    const d = await load(
      { 'chat.yaml': 'topics:\n  - name: alerts\n    subscriptions:\n      - https: ${env:HOOK}\n' },
      { HOOK: newUrl },
    );
    const p = plan(d, [liveSub('https', oldUrl)]);
    expect(p.changes.map((c) => c.action).sort()).toEqual(['create', 'delete', 'noop']);
    expectNoLeak(p, oldUrl, newUrl);
    expect(renderText(p, { color: false })).toContain('subscription alerts → https://hooks.slack.com/…(sensitive)');
  });

  test('a removed secret: the e-mail subscription it fed is deleted without printing the address', async () => {
    const d = await load({}, {});
    const p = plan(d, [liveSub('email', 'oncall-private@corp.example')]);
    expect(p.changes.find((c) => c.action === 'delete')).toBeDefined();
    expectNoLeak(p, 'oncall-private@corp.example');
    expect(renderText(p, { color: false })).toContain('- subscription alerts → email:(sensitive)');
  });

  test('a deleted resource whose endpoint is a secret URL', async () => {
    const url = 'http://relay.internal.example:8080/hook?token=DELETEDSECRET123';
    const p = plan(await load({}, {}), [liveSub('http', url)]);
    expectNoLeak(p, url, 'DELETEDSECRET123', ':8080');
    expect(renderMarkdown(p)).toContain('http://relay.internal.example/…(sensitive)');
  });

  test('an e-mail secret with an upper-case domain: neither the given nor the normalized form prints', async () => {
    const mail = 'Pager.Duty+Key9@EXAMPLE.COM';
    const d = await load(
      { 'm.yaml': 'topics:\n  - name: alerts\n    subscriptions:\n      - email: ${env:MAIL}\n' },
      { MAIL: mail },
    );
    const p = plan(d, []);
    expectNoLeak(p, mail, 'Pager.Duty+Key9@example.com', 'Pager.Duty');
  });

  test('a secret with quotes and backslashes does not leak JSON-escaped', async () => {
    const secret = 'pa"ss\\word\\"SECRETQ';
    const d = await load({ 'a.yaml': alarmYaml('a', '    description: ${env:DESC}\n') }, { DESC: secret });
    const p = plan(d, []);
    expectNoLeak(p, secret, 'SECRETQ');
    expect(JSON.parse(renderJson(p)).changes[0]).toMatchObject({
      after: { description: '(sensitive)' },
      sensitivePaths: ['description'],
    });
  });

  test('a long secret changed by one character: the word diff shows no fragment', async () => {
    const before = 'token-ABCDEFGHIJKLMNOPQRSTUVWXYZ-abcdefghijklmnopqrstuvwxyz-0123456789-XX';
    const after = before.replace('XX', 'XY');
    const d = await load({ 'a.yaml': alarmYaml('a', '    description: ${env:DESC}\n') }, { DESC: after });
    const desiredAlarm = d.resources.find((r) => r.spec.kind === 'metricAlarm')?.spec as SpecOf<'metricAlarm'>;
    const p = plan(d, [owned({ ...desiredAlarm, description: before })]);
    expect(p.changes.find((c) => c.action === 'update')).toBeDefined();
    expectNoLeak(p, before, after, 'XY');
    expect(renderText(p, { color: false })).toContain('~ description: (sensitive) → (sensitive) (changed)');
  });

  test('a secret of "1" masks its own field and no other 1', async () => {
    const d = await load({ 'a.yaml': alarmYaml('a', '    tags: { shard: "${env:ONE}" }\n') }, { ONE: '1' });
    const text = renderText(plan(d, []), { color: false });
    expect(text).toContain('+ tags.shard: (sensitive)');
    expect(text).toContain('+ threshold: 1');
    expect(text).toContain('+ evaluationPeriods: 1');
  });

  test('a renamed resource keeps its marks on the delete of the old name', async () => {
    const secret = 'renamed-description-SECRET';
    const d = await load({ 'a.yaml': alarmYaml('new-name', '    description: ${env:DESC}\n') }, { DESC: secret });
    const spec = d.resources.find((r) => r.spec.kind === 'metricAlarm')?.spec as SpecOf<'metricAlarm'>;
    const p = plan(d, [owned({ ...spec, name: 'old-name' })]);
    expect(p.changes.find((c) => c.action === 'delete')?.sensitive).toEqual(['description']);
    expectNoLeak(p, secret);
  });

  test('an adopted resource: its live value of a secret field is masked too', async () => {
    const d = await load({ 'a.yaml': alarmYaml('a', '    description: ${env:DESC}\n') }, { DESC: 'new-ADOPTSECRET' });
    const spec = d.resources.find((r) => r.spec.kind === 'metricAlarm')?.spec as SpecOf<'metricAlarm'>;
    const p = plan(d, [{ spec: { ...spec, description: 'console-OLDADOPT', tags: {} }, owned: false }]);
    expect(p.changes.find((c) => c.action === 'adopt')).toBeDefined();
    expectNoLeak(p, 'new-ADOPTSECRET', 'console-OLDADOPT');
  });
});

describe('marks recorded on the resource (the monitors:sensitive tag)', () => {
  test('the loader records which fields came from ${env:} on the resource', async () => {
    const d = await load({ 'a.yaml': alarmYaml('a', '    description: ${env:DESC}\n') }, { DESC: 'x-secret' });
    const spec = d.resources.find((r) => r.spec.kind === 'metricAlarm')?.spec as SpecOf<'metricAlarm'>;
    expect(spec.tags[SENSITIVE_TAG]).toBe('description');
  });

  test('a deleted alarm whose description was a secret: the JSON plan masks its old value', async () => {
    const spec = (
      await load({ 'a.yaml': alarmYaml('gone', '    description: ${env:DESC}\n') }, { DESC: 'GONE-SECRET' })
    ).resources[0]?.spec as SpecOf<'metricAlarm'>;
    const p = plan(await load({}, {}), [owned(spec)]);
    expect(p.changes.find((c) => c.action === 'delete')).toBeDefined();
    expectNoLeak(p, 'GONE-SECRET');
  });

  test('the ${env:} reference replaced by a literal: the old secret in live state is still masked', async () => {
    const old = (await load({ 'a.yaml': alarmYaml('a', '    description: ${env:DESC}\n') }, { DESC: 'WAS-SECRET' }))
      .resources[0]?.spec as SpecOf<'metricAlarm'>;
    const p = plan(await load({ 'a.yaml': alarmYaml('a', '    description: now public\n') }, {}), [owned(old)]);
    expectNoLeak(p, 'WAS-SECRET');
    expect(renderText(p, { color: false })).toContain('~ description: (sensitive) → (sensitive) (changed)');
    expect(renderText(p, { color: false })).toContain('- tags.monitors:sensitive: "description"');
  });
});

describe('names that try to be markup or terminal control', () => {
  const hostile = [
    '</summary><img src=x onerror=alert(1)>',
    'evil\n**Plan: 0 to add, 0 to change, 0 to replace, 0 to delete.**',
    'evil`\n```\n# forged',
    'red\u001b[31m\u001b]0;title\u0007\u001b[2Jname',
    'bidi\u202egnp.exe',
  ];
  // Live resources can carry any name (made by hand or another tool); the files cannot (see hostile-input).
  const p = () =>
    computePlan(
      {
        settings: { name: 'shop', region: REGION, defaultTags: {} },
        resources: [],
        secrets: [],
        warnings: [],
        files: [],
      },
      {
        region: REGION,
        accountId: ACCOUNT,
        resources: hostile.map((name) => owned({ kind: 'logGroup', name, tags: ownTags })),
      },
      { adopt: true, allowMassDelete: true, maxDeleteShare: 1, liveFingerprint: 'f' },
    );

  test('markdown escapes them: no element, no forged summary line, no closed fence', () => {
    const md = renderMarkdown(p());
    expect(md).not.toMatch(/<img|<\/summary><img/);
    const plans = md.split('\n').filter((l) => /^\**Plan:/.test(l));
    expect(plans).toEqual(['**Plan: 0 to add, 0 to change, 0 to replace, 5 to delete.**']);
    expect(md).not.toContain('\u202e');
    expect(md).not.toContain('\u001b');
    expect(md.split('\n').filter((l) => l.startsWith('# forged'))).toEqual([]);
  });

  test('text strips terminal escapes and spells out controls, one line per name', () => {
    for (const text of [
      renderText(p(), { color: false }),
      renderApplySummary({
        outcomes: p().changes.map((change) => ({
          status: 'failed' as const,
          change,
          error: { awsCode: 'Bad\u001b[2J', message: `no such group\u001b]0;x\u0007 ${change.key.name}` },
        })),
        done: 0,
        failed: 5,
        skipped: 0,
        durationMs: 0,
      }),
    ]) {
      for (const c of ['\u001b', '\u0007', '\u202e']) expect(text).not.toContain(c);
    }
    const text = renderText(p(), { color: false });
    expect(text).toContain('log group bidi\\u202egnp.exe');
    expect(text).toContain('log group redname');
    expect(text.split('\n').filter((l) => l.startsWith('Plan:'))).toHaveLength(1);
  });
});
