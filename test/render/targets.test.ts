/** The per-target renderers on hand-made plans: a row per target, and hostile text kept inert. */
import type { Plan, Target, TargetPlan } from '../../src/model';
import { renderTargetsMarkdown, renderTargetsText, targetsDocument } from '../../src/render/targets';

const prod: Target = { name: 'prod', region: 'us-east-1', account: '111111111111' };
const staging: Target = { name: 'staging', region: 'eu-west-1', account: '222222222222' };

const empty: Plan = {
  version: 1,
  stack: 'shop',
  region: 'us-east-1',
  accountId: '111111111111',
  changes: [],
  guards: [],
  notices: [],
  liveFingerprint: 'f',
  target: 'prod',
};

// An error message can quote AWS or a holder's name: it must not break the table, add lines or markup.
const hostile = 'denied | <img src=x onerror=alert(1)> `x`\n### Plan: 0 to add';
const targets: TargetPlan[] = [
  { status: 'planned', target: prod, plan: empty },
  { status: 'failed', target: staging, error: { code: 'AWS_SERVICE', message: hostile } },
];

test('markdown: one row per target, the failure escaped inside its cell', () => {
  const md = renderTargetsMarkdown('shop', targets, { maxLength: 65_000 });
  const rows = md.split('\n').filter((l) => l.startsWith('| `'));
  expect(rows).toHaveLength(2);
  expect(rows[0]).toBe('| `prod` | `111111111111` | `us-east-1` | No changes. |');
  // Exactly five unescaped cell separators: the failure's own pipe is escaped.
  expect(rows[1]?.split(/(?<!\\)\|/)).toHaveLength(6);
  expect(md).not.toContain('<img');
  expect(md).not.toMatch(/^### Plan/m);
});

test('text: the failure stays on its line; JSON keeps the message exact', () => {
  const text = renderTargetsText(targets, { color: false });
  expect(text).not.toMatch(/^### Plan/m);
  expect(text).toContain('1 failed');
  const doc = targetsDocument('shop', targets);
  expect(doc.formatVersion).toBe(2);
  expect(doc.targets[1]).toEqual({
    target: 'staging',
    region: 'eu-west-1',
    accountId: '222222222222',
    status: 'failed',
    error: { code: 'AWS_SERVICE', message: hostile },
  });
});

test('a target whose plan a guard refused says so in its row, not only in its section', () => {
  const refused: Plan = {
    ...empty,
    changes: [
      {
        action: 'delete',
        key: { kind: 'logGroup', region: 'us-east-1', name: '/shop/app' },
        before: { kind: 'logGroup', name: '/shop/app', retentionInDays: 7, tags: {} },
        reason: 'no file declares it any more',
        seen: 'f',
      } as unknown as Plan['changes'][number],
    ],
    guards: [{ name: 'delete-all', refused: true, message: 'this plan deletes everything the stack owns' }],
  };
  const md = renderTargetsMarkdown('shop', [{ status: 'planned', target: prod, plan: refused }], { maxLength: 65_000 });
  expect(md).toContain(
    '| `prod` | `111111111111` | `us-east-1` | Plan: 0 to add, 0 to change, 0 to replace, 1 to delete. Refused by a guard: it will not be applied. |',
  );
});
