/** `monitors test --scaffold-slos`: the starter tests of each SLO, which pass on the policy they were written for. */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { runCliCaptured } from '../harness/run-cli';
import { exampleCopy, removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

async function scaffoldAndRun(dir: string) {
  const scaffold = await runCliCaptured(['test', '--scaffold-slos', dir]);
  expect(scaffold.code).toBe(0);
  const tests = path.join(dir, 'tests');
  mkdirSync(tests, { recursive: true });
  for (const f of readdirSync(tests)) rmSync(path.join(tests, f));
  writeFileSync(path.join(tests, 'slos.yaml'), scaffold.stdout);
  return runCliCaptured(['test', dir]);
}

test("the example's SLO gets the three scenarios, and they pass", async () => {
  const run = await scaffoldAndRun(exampleCopy());
  expect(run.stdout.split('\n').filter((l) => l.startsWith('  ok'))).toEqual([
    '  ok      teachme-availability, a 14.4x burn for 10 minutes pages within 5 minutes',
    '  ok      teachme-availability, a 1x burn for 2 days opens a ticket and never pages',
    '  ok      teachme-availability, a 0.5x burn is silent',
  ]);
  expect(run.code).toBe(0);
});

test('an SLO whose policy only tickets gets no page scenario; a stack without SLOs has nothing to scaffold', async () => {
  const dir = stackDir({
    'stack.yaml':
      'stack:\n  name: shop\n  region: us-east-1\ntopics:\n  - name: tickets\n' +
      'slos:\n  - name: pay\n    target: 99.5\n    sli: { bad: AWS/Pay/Errors, total: AWS/Pay/Requests }\n    ticket: tickets\n' +
      '    policy: [{ severity: ticket, factor: 1, long: 3d, short: 6h }]\n',
  });
  const run = await scaffoldAndRun(dir);
  expect(run.stdout.split('\n').filter((l) => l.startsWith('  ok'))).toEqual([
    '  ok      pay, a 1x burn for 2 days opens a ticket',
    '  ok      pay, a 0.5x burn is silent',
  ]);
  const none = await runCliCaptured([
    'test',
    '--scaffold-slos',
    stackDir({ 'stack.yaml': 'stack:\n  name: x\n  region: us-east-1\n' }),
  ]);
  expect([none.code, none.stdout]).toEqual([
    1,
    expect.stringContaining('declares no SLO (slos:): there is nothing to scaffold'),
  ]);
});
