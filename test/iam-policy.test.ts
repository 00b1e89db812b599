/**
 * The printed IAM policies cover exactly what the code calls: every SDK command the readers use is in
 * the plan policy (and nothing that writes), every command the handlers use is in the apply policy.
 * Adding a call without updating src/iam-policy.ts fails here, not in a user's pipeline.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { iamPolicy } from '../src/iam-policy';

const PREFIX: Readonly<Record<string, string>> = {
  'client-cloudwatch': 'cloudwatch',
  'client-cloudwatch-logs': 'logs',
  'client-sns': 'sns',
  'client-sts': 'sts',
  'client-resource-groups-tagging-api': 'tag',
};

/** IAM actions for the SDK commands a set of source files import, e.g. "logs:PutMetricFilter". */
function actionsUsedBy(dir: string, only: (file: string) => boolean): Set<string> {
  const out = new Set<string>();
  const root = path.join(__dirname, '..', 'src', dir);
  for (const file of readdirSync(root).filter(only)) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/([a-z-]+)'/g)) {
      const prefix = PREFIX[m[2] as string];
      if (!prefix) continue;
      for (const name of (m[1] as string).split(',')) {
        const command = /(\w+)Command\b/.exec(name.trim().replace(/^type\s+/, ''));
        if (command && !name.includes('type ')) out.add(`${prefix}:${command[1]}`);
      }
    }
  }
  return out;
}

const actionsIn = (mode: 'plan' | 'apply') =>
  new Set(iamPolicy(mode, { stack: 'shop' }).Statement.flatMap((s) => [s.Action].flat()));

test('the plan policy allows every read the plan makes, and no write', () => {
  const reads = actionsUsedBy('aws', (f) => f.startsWith('read-') || f === 'account.ts');
  expect(reads.size).toBeGreaterThan(8);
  const allowed = actionsIn('plan');
  expect([...reads].filter((a) => !allowed.has(a))).toEqual([]);
  expect(
    [...allowed].filter((a) =>
      /:(Put|Create|Delete|Tag|Untag|Set|Subscribe|Unsubscribe|Associate|Disassociate)/.test(a),
    ),
  ).toEqual([]);
});

test('the apply policy allows every call the handlers make', () => {
  const writes = actionsUsedBy('kinds', (f) => f.endsWith('.ts'));
  expect(writes.size).toBeGreaterThan(15);
  const allowed = actionsIn('apply');
  expect([...writes].filter((a) => !allowed.has(a))).toEqual([]);
});

test('tag-scoped writes are conditioned on the stack tag', () => {
  const policy = iamPolicy('apply', { stack: 'shop', region: 'eu-west-1', accountId: '123456789012' });
  const owned = policy.Statement.find((s) => s.Sid === 'MonitorsWriteOwned');
  expect(owned?.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/monitors:stack': 'shop' } });
  expect([owned?.Action].flat()).toContain('cloudwatch:DeleteAlarms');
  const create = policy.Statement.find((s) => s.Sid === 'MonitorsCreateTagged');
  expect(create?.Condition).toEqual({ StringEquals: { 'aws:RequestTag/monitors:stack': 'shop' } });
});
