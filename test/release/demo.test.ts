/**
 * The README's first quick-start line runs `npm run demo`: the seed's scenario end to end on the
 * bundled emulator (rule tests, plan and apply of monitors/, a second plan with nothing to do, the
 * alarm firing, Slack). It had broken unseen once monitors/ gained an SLO (metric-math alarms the
 * emulator does not keep): this runs it as a person would, minus the npm install step.
 */
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';

const ROOT = path.join(__dirname, '..', '..');

test('npm run demo plans, applies, re-plans to "No changes." and sees the alarm fire', async () => {
  const r = await promisify(execFile)(
    path.join(ROOT, 'node_modules', '.bin', 'ts-node'),
    ['--transpile-only', 'scripts/demo.ts'],
    { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 },
  ).catch((e: { code: number; stdout: string; stderr: string }) => e);
  expect('code' in r ? `exit ${r.code}: ${r.stderr.slice(-2000)}` : 'exit 0').toBe('exit 0');
  const again = r.stdout.indexOf('Plan again: nothing left to do');
  expect(again).toBeGreaterThan(0);
  expect(r.stdout.slice(again)).toMatch(/^.*\n\$ monitors plan .*\nNo changes\./);
  expect(r.stdout).toContain('▶ Done: the alarm fired, the e-mail notification arrived, and Slack got its message.');
}, 300_000);
