/**
 * Features meeting SLOs: names are never secret (issue 20), so a page topic from `${env:}` is refused at
 * its place before the variable is read, and `monitors validate` prints the value nowhere.
 */
import { runCliCaptured } from '../harness/run-cli';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const SECRET = 'arn:aws:sns:us-east-1:123456789012:pager-7f3a9c-private';
const files = {
  'stack.yaml': 'stack:\n  name: shop\n  region: us-east-1\n',
  'slo.yaml':
    'slos:\n  - name: pay\n    target: 99.9\n    sli: { bad: AWS/Pay/Errors, total: AWS/Pay/Requests }\n    page: ${env:PAGER_ARN}\n',
};

test('a page topic from ${env:} is refused at its line, and validate prints the value nowhere', async () => {
  const run = await runCliCaptured(['validate', stackDir(files)], { env: { PAGER_ARN: SECRET } });
  expect(run.code).toBe(1);
  expect(run.stdout + run.stderr).toMatch(/slo\.yaml:5:\d+: error SCHEMA: slos\.0\.page cannot come from \$\{env:\}/);
  expect(run.stdout + run.stderr).not.toContain('pager-7f3a9c');
});
