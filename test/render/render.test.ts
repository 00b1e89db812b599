import { renderJson, renderMarkdown, renderMarkdownErrors, renderText, shouldUseColor } from '../../src/render';
import type { Change } from '../../src/model';
import { alarmSpec, everyAction, planOf, SECRET_URL, topicSpec, webhookSpec } from './fixtures';
import { changeLines } from '../../src/render/fields';

const plain = { color: false };

describe('renderText', () => {
  it('prints every action with its marker and the summary line', () => {
    const text = renderText(planOf(everyAction()), plain);
    expect(text).toMatchSnapshot();
    expect(text).toContain('  + topic teachme-alerts  (monitors/stack.yaml:7)');
    expect(text).toContain('  ~ metric alarm teachme-errors');
    expect(text).toContain('      ~ threshold: 2 → 3');
    expect(text).toContain('      + tags.team: "web"');
    expect(text).toContain('-/+ topic orders.fifo');
    expect(text).toContain('fifo: false → true   # forces replacement');
    expect(text).toContain('  - metric alarm old-alarm');
    expect(text).toContain('  * metric alarm console-made');
    expect(text).not.toContain('metric alarm same');
    expect(text.split('\n').pop()).toBe('Plan: 2 to add, 1 to change, 1 to replace, 1 to delete, 1 to adopt.');
  });

  it('says "No changes." when every change is a noop', () => {
    const noop: Change = {
      action: 'noop',
      key: { kind: 'topic', region: 'us-east-1', name: 't' },
      before: topicSpec(),
    };
    expect(renderText(planOf([noop]), plain)).toBe('No changes. Live AWS state matches monitors/.');
  });

  it('shows a pending subscription note even when nothing changes', () => {
    const noop: Change = {
      action: 'noop',
      key: { kind: 'subscription', region: 'us-east-1', name: 'email:a@b.io', parent: 't' },
      before: webhookSpec('x'),
      note: 'pending confirmation',
    };
    expect(renderText(planOf([noop]), plain)).toContain('pending confirmation');
  });

  it('leaves the summary without adopts when there are none', () => {
    const text = renderText(planOf(everyAction().filter((c) => c.action !== 'adopt')), plain);
    expect(text.split('\n').pop()).toBe('Plan: 2 to add, 1 to change, 1 to replace, 1 to delete.');
  });

  it('shows long patterns as a word diff', () => {
    const before = alarmSpec({ description: 'Errors in the TeachMe application logs, counted by the ERROR filter' });
    const after = alarmSpec({ description: 'Errors in the TeachMe application logs, counted by the FATAL filter' });
    const change: Change = {
      action: 'update',
      seen: 'fixture',
      key: { kind: 'metricAlarm', region: 'us-east-1', name: 'teachme-errors' },
      before,
      after,
      diffs: [{ path: 'description', before: before.description, after: after.description, forcesReplacement: false }],
    };
    expect(renderText(planOf([change]), plain)).toContain('counted by the [-ERROR-]{+FATAL+} filter');
  });

  it('prints refused guards first and notices as warnings', () => {
    const plan = planOf(everyAction(), {
      guards: [{ name: 'delete-all', refused: true, message: 'this plan deletes every resource' }],
      notices: [{ severity: 'warning', message: 'alarm x is owned by stack other' }],
    });
    const lines = renderText(plan, plain).split('\n');
    expect(lines[0]).toBe('Error: this plan deletes every resource');
    expect(lines).toContain('Warning: alarm x is owned by stack other');
  });

  it('emits ANSI colour only when asked', () => {
    expect(renderText(planOf(everyAction()), plain)).not.toContain('\u001b[');
    expect(renderText(planOf(everyAction()), { color: true })).toContain('\u001b[32m');
  });
});

describe('shouldUseColor', () => {
  it.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: false }, {}, false],
    [{ isTTY: true }, { NO_COLOR: '1' }, false],
    [{ isTTY: false }, { FORCE_COLOR: '1' }, true],
    [{ isTTY: true }, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
  ])('%j with %j → %s', (stream, env, expected) => {
    expect(shouldUseColor(stream, env)).toBe(expected);
  });
});

describe('secrets', () => {
  it('never appear in any renderer, including inside an update diff', () => {
    const diffOfSecret: Change = {
      action: 'update',
      seen: 'fixture',
      key: { kind: 'subscription', region: 'us-east-1', name: 'https:x', parent: 'teachme-alerts' },
      before: webhookSpec(SECRET_URL),
      after: webhookSpec(SECRET_URL),
      diffs: [{ path: 'endpoint', before: `${SECRET_URL}?old`, after: SECRET_URL, forcesReplacement: true }],
    };
    const plan = planOf([...everyAction(), diffOfSecret]);
    for (const out of [renderText(plan, plain), renderMarkdown(plan), renderJson(plan)]) {
      expect(out).not.toContain('XXXXSECRET');
      expect(out).not.toContain('services');
      expect(out).toContain('https://hooks.slack.example/…(sensitive)');
    }
  });
});

describe('renderMarkdown', () => {
  it('calls out deletions and replacements, then a summary table and a section per change', () => {
    const md = renderMarkdown(planOf(everyAction()));
    expect(md).toMatchSnapshot();
    expect(md).toContain('> [!WARNING]');
    expect(md).toContain('> - `- metric alarm old-alarm`: no longer declared in monitors/');
    expect(md).toContain('| **total** | 2 | 1 | 1 | 1 | 1 |');
    // Every change of this plan is short, so none hides behind a click.
    expect(md).not.toContain('<details>');
    expect(md).toContain('<code>~ metric alarm teachme-errors</code>\n\n```diff\n! threshold: 2 → 3\n');
    // The CLI knows no repository: the declaration is plain file:line.
    expect(md).toContain('<code>+ topic teachme-alerts</code> · monitors/stack.yaml:7\n');
  });

  it('collapses only changes longer than a few lines', () => {
    const long: Change = {
      action: 'create',
      key: { kind: 'metricAlarm', region: 'us-east-1', name: 'teachme-errors' },
      after: alarmSpec(),
      source: { file: 'monitors/alarms.yaml', line: 3, column: 5 },
    };
    const short: Change = {
      action: 'update',
      key: { kind: 'metricAlarm', region: 'us-east-1', name: 'teachme-cpu' },
      before: alarmSpec({ name: 'teachme-cpu' }),
      after: alarmSpec({ name: 'teachme-cpu', threshold: 90 }),
      diffs: [{ path: 'threshold', before: 2, after: 90, forcesReplacement: false }],
      seen: 'fixture',
    };
    const md = renderMarkdown(planOf([long, short]), {});
    expect(md.match(/<details>/g)).toHaveLength(1);
    expect(md).toContain(
      '<details><summary><code>+ metric alarm teachme-errors</code> · monitors/alarms.yaml:3</summary>',
    );
    expect(md).toContain('<code>~ metric alarm teachme-cpu</code>\n\n```diff\n! threshold: 2 → 90\n```');
  });

  it('links each declaration to its line at the given commit', () => {
    const sha = 'a'.repeat(40);
    const links = { serverUrl: 'https://github.com', owner: 'acme', repo: 'infra', sha };
    const changes: Change[] = [
      ...everyAction(),
      {
        action: 'delete',
        key: { kind: 'logGroup', region: 'us-east-1', name: '/odd' },
        before: { kind: 'logGroup', name: '/odd', tags: {} },
        reason: 'gone',
        seen: 'fixture',
        source: { file: 'monitors/a b#c.yaml', line: 12, column: 1 },
      },
      {
        action: 'delete',
        key: { kind: 'logGroup', region: 'us-east-1', name: '/outside' },
        before: { kind: 'logGroup', name: '/outside', tags: {} },
        reason: 'gone',
        seen: 'fixture',
        source: { file: '../elsewhere/x.yaml', line: 2, column: 1 },
      },
    ];
    const md = renderMarkdown(planOf(changes), { links });
    expect(md).toContain(
      `<code>+ topic teachme-alerts</code> · <a href="https://github.com/acme/infra/blob/${sha}/monitors/stack.yaml#L7">monitors/stack.yaml:7</a>`,
    );
    // Path characters are URL-encoded in the link, never able to end the attribute.
    expect(md).toContain(`/blob/${sha}/monitors/a%20b%23c.yaml#L12">monitors/a b#c.yaml:12</a>`);
    // A file outside the repository has no page to link to.
    expect(md).toContain('<code>- log group /outside</code> · ../elsewhere/x.yaml:2\n');
  });

  it('cuts a huge plan to whole sections under the limit and says where the rest is', () => {
    const changes: Change[] = Array.from({ length: 500 }, (_, i) => ({
      action: 'create',
      key: { kind: 'metricAlarm', region: 'us-east-1', name: `alarm-${i}` },
      after: alarmSpec({ name: `alarm-${i}` }),
    }));
    const md = renderMarkdown(planOf(changes), { maxLength: 20_000, fullPlanHint: 'see the job summary' });
    expect(md.length).toBeLessThanOrEqual(20_000);
    expect(md).toContain('| **total** | 500 | 0 | 0 | 0 | 0 |');
    const shown = md.match(/<details>/g)?.length ?? 0;
    expect(shown).toBeGreaterThan(10);
    expect(md.match(/<\/details>/g)?.length).toBe(shown);
    expect(md).toContain(`_${500 - shown} more resource(s) not shown: see the job summary_`);
  });

  it('says "No changes." for an empty plan', () => {
    expect(renderMarkdown(planOf([]))).toContain('No changes. Live AWS state matches monitors/.');
  });

  it('lists validation errors with their locations', () => {
    const md = renderMarkdownErrors(
      [
        {
          severity: 'error',
          code: 'SCHEMA',
          message: 'unknown key "retension" | did you mean "retention"?',
          location: { file: 'monitors/a.yaml', line: 4, column: 5 },
        },
      ],
      {},
    );
    expect(md).toContain('| `monitors/a.yaml:4:5` | error | unknown key "retension" \\| did you mean "retention"? |');
  });
});

describe('renderJson', () => {
  it('has format version 1, counts noops as unchanged and leaves them out of changes', () => {
    const doc = JSON.parse(renderJson(planOf(everyAction())));
    expect(doc.formatVersion).toBe(1);
    expect(doc.summary).toEqual({ create: 2, update: 1, replace: 1, delete: 1, adopt: 1, unchanged: 1 });
    expect(doc.changes.map((c: { action: string }) => c.action)).toEqual([
      'create',
      'create',
      'update',
      'replace',
      'delete',
      'adopt',
    ]);
    expect(doc.changes[0].source).toBe('monitors/stack.yaml:7:5');
  });
});

describe('multi-line values', () => {
  const composite = (rule: string) => ({
    kind: 'compositeAlarm' as const,
    name: 'degraded',
    rule,
    actionsEnabled: true,
    alarmActions: [],
    okActions: [],
    insufficientDataActions: [],
    tags: {},
  });

  test('a composite rule change is a line diff, one operand per line', () => {
    const before = composite('ALARM("errors") AND ALARM("cpu")');
    const after = composite('ALARM("errors") AND ALARM("cpu") OR ALARM("disk")');
    const lines = changeLines({
      action: 'update',
      seen: 'fixture',
      key: { kind: 'compositeAlarm', region: 'us-east-1', name: 'degraded' },
      before,
      after,
      diffs: [{ path: 'rule', before: before.rule, after: after.rule, forcesReplacement: false }],
    });
    expect(lines.map((l) => `${l.sign} ${l.text}`)).toEqual([
      '~ rule:',
      '      ALARM("errors")',
      '      AND ALARM("cpu")',
      '+     OR ALARM("disk")',
    ]);
  });

  test('a filter policy change is a diff of its indented JSON', () => {
    const lines = changeLines({
      action: 'update',
      seen: 'fixture',
      key: { kind: 'subscription', region: 'us-east-1', name: 'sqs:q', parent: 't' },
      before: { kind: 'subscription', topicName: 't', protocol: 'sqs', endpoint: 'q', rawMessageDelivery: false },
      after: { kind: 'subscription', topicName: 't', protocol: 'sqs', endpoint: 'q', rawMessageDelivery: false },
      diffs: [
        {
          path: 'filterPolicy',
          before: '{"severity":["critical"]}',
          after: '{"severity":["critical","high"]}',
          forcesReplacement: false,
        },
      ],
    });
    expect(lines.map((l) => `${l.sign} ${l.text}`)).toEqual([
      '~ filterPolicy:',
      '      {',
      '        "severity": [',
      '-         "critical"',
      '+         "critical",',
      '+         "high"',
      '        ]',
      '      }',
    ]);
  });
  test('a filter pattern change that only respaces it says the pattern matches the same events', () => {
    const filter = (filterPattern: string) => ({
      kind: 'metricFilter' as const,
      logGroupName: '/app',
      filterName: 'errors',
      filterPattern,
      transformation: { metricName: 'Errors', metricNamespace: 'App', metricValue: '1', dimensions: {} },
    });
    const change = (before: string, after: string) =>
      changeLines({
        action: 'update',
        seen: 'fixture',
        key: { kind: 'metricFilter', region: 'us-east-1', name: 'errors', parent: '/app' },
        before: filter(before),
        after: filter(after),
        diffs: [{ path: 'filterPattern', before, after, forcesReplacement: false }],
      }).map((l) => `${l.sign} ${l.text}`);
    expect(change('{$.level="ERROR"&&$.ms>5}', '{ $.level = "ERROR" && $.ms > 5 }')).toEqual([
      '~ filterPattern: "{$.level=\\"ERROR\\"&&$.ms>5}" → "{ $.level = \\"ERROR\\" && $.ms > 5 }"   # same pattern, only spacing differs: matches the same events',
    ]);
    expect(change('ERROR', 'ERROR -DEBUG').join('\n')).not.toContain('same pattern');
  });
});
