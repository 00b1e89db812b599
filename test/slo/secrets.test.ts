/**
 * Features meeting SLOs: a page topic from `${env:}` never appears in any rendering of the plan (the
 * SLO's alarms are marked sensitive where the value lands), and `monitors validate` never prints it.
 */
import { loadStack } from '../../src/config/load';
import { computePlan } from '../../src/plan/diff-plan';
import { renderJson, renderMarkdown, renderText } from '../../src/render';
import { runCliCaptured } from '../harness/run-cli';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const SECRET = 'arn:aws:sns:us-east-1:123456789012:pager-7f3a9c-private';
const files = {
  'stack.yaml': 'stack:\n  name: shop\n  region: us-east-1\n',
  'slo.yaml':
    'slos:\n  - name: pay\n    target: 99.9\n    sli: { bad: AWS/Pay/Errors, total: AWS/Pay/Requests }\n    page: ${env:PAGER_ARN}\n',
};

test('a page topic from ${env:} is in no rendering of the plan, and the page alarm still groups under its SLO', async () => {
  const stack = await loadStack(stackDir(files), { env: { PAGER_ARN: SECRET } });
  const page = stack.resources.find((r) => r.spec.kind === 'compositeAlarm' && r.spec.name === 'pay-page');
  expect(page?.spec.kind === 'compositeAlarm' && page.spec.alarmActions).toEqual([SECRET]);
  expect(page?.sensitive?.length).toBeGreaterThan(0);
  const plan = computePlan(
    stack,
    { region: 'us-east-1', accountId: '123456789012', resources: [] },
    { adopt: true, allowMassDelete: true, maxDeleteShare: 1, liveFingerprint: 'f' },
  );
  const text = renderText(plan, { color: false });
  expect(text).toContain('SLO pay');
  for (const out of [text, renderMarkdown(plan), renderJson(plan)]) expect(out).not.toContain('pager-7f3a9c');
});

test('validate with the secret set prints it nowhere', async () => {
  const run = await runCliCaptured(['validate', stackDir(files)], { env: { PAGER_ARN: SECRET } });
  expect(run.code).toBe(0);
  expect(run.stdout + run.stderr).not.toContain('pager-7f3a9c');
});
