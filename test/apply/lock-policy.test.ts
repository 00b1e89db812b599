/**
 * The apply lock's SSM calls are in the apply policy, on that one parameter only, and the plan
 * policy (which never locks) has no SSM but the reads of the adopted-filter and anomaly-detector records. Derived from the
 * lock's source, so a new call fails here.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { iamPolicy } from '../../src/iam-policy';
import { lockParameterName } from '../../src/apply/lock';
import { RECORD_ROOT } from '../../src/kinds/metric-filter/ownership-record';
import { DETECTOR_RECORD_ROOT } from '../../src/kinds/anomaly-detector/names';

function ssmActionsOfLock(): string[] {
  const text = readFileSync(path.join(__dirname, '..', '..', 'src', 'apply', 'lock.ts'), 'utf8');
  const imports = /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-ssm'/.exec(text)?.[1] ?? '';
  return imports
    .split(',')
    .map((n) => /^(\w+)Command$/.exec(n.trim())?.[1])
    .filter((n): n is string => n !== undefined)
    .map((n) => `ssm:${n}`)
    .sort();
}

test('the apply policy allows exactly the lock calls, on the stack and region lock parameter only', () => {
  const used = ssmActionsOfLock();
  expect(used).toEqual(['ssm:DeleteParameter', 'ssm:GetParameter', 'ssm:PutParameter']);
  const policy = iamPolicy('apply', { stack: 'shop', region: 'eu-west-1', accountId: '123456789012' });
  // The other SSM statements are the kinds' records' (test/iam/simulate.test.ts), never the lock.
  const ssm = policy.Statement.filter(
    (s) =>
      [s.Action].flat().some((a) => a.startsWith('ssm:')) &&
      ![RECORD_ROOT, DETECTOR_RECORD_ROOT].some((root) => JSON.stringify(s.Resource).includes(root)),
  );
  expect(ssm).toHaveLength(1);
  expect([...[ssm[0]?.Action ?? []].flat()].sort()).toEqual(used);
  expect(ssm[0]?.Resource).toBe(`arn:aws:ssm:eu-west-1:123456789012:parameter${lockParameterName('shop')}`);
});

test('the plan policy has no SSM action but reading the adopted-filter and anomaly-detector records', () => {
  const statements = iamPolicy('plan', { stack: 'shop' }).Statement.filter((s) =>
    [s.Action].flat().some((a) => a.startsWith('ssm:')),
  );
  expect(statements.map((s) => [s.Action, s.Resource])).toEqual([
    [['ssm:GetParametersByPath'], [`arn:aws:ssm:*:*:parameter${RECORD_ROOT}`]],
    [['ssm:GetParametersByPath'], [`arn:aws:ssm:*:*:parameter${DETECTOR_RECORD_ROOT}`]],
  ]);
});
