/** Temporary monitors directories and run options for integration tests against the emulator. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { applyStack, planStack, type PlanRun, type RunOptions } from '../../src/core';
import type { ApplyResult } from '../../src/apply/executor';
import type { TestAccount } from '../harness/emulator';

const made: string[] = [];

/** A directory holding exactly these files. */
export function stackDir(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-it-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** A copy of the bundled monitors/ example, so a test can edit it. */
export function exampleCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-example-'));
  made.push(dir);
  cpSync(path.join(__dirname, '..', '..', 'monitors'), dir, { recursive: true });
  return dir;
}

export function removeStackDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Run options for the account, with the same defaults as the CLI. */
export function optionsFor(account: TestAccount, directory: string, extra: Partial<RunOptions> = {}): RunOptions {
  return {
    directory,
    region: account.region,
    endpointUrl: account.endpoint,
    credentials: account.credentials,
    adopt: true,
    allowMassDelete: false,
    maxDeleteShare: 0.5,
    env: {},
    ...extra,
  };
}

/** Plan then apply that plan; fails the test when any change failed. */
export async function reconcile(options: RunOptions): Promise<{ run: PlanRun; result: ApplyResult }> {
  const run = await planStack(options);
  const result = await applyStack(run, options);
  const failures = result.outcomes.filter((o) => o.status !== 'done');
  if (failures.length > 0) throw new Error(`apply failed: ${JSON.stringify(failures, null, 2)}`);
  return { run, result };
}

/** "action kind name" for every change that is not a no-op, sorted. */
export function changeSummary(run: PlanRun): string[] {
  return run.plan.changes
    .filter((c) => c.action !== 'noop')
    .map((c) => `${c.action} ${c.key.kind} ${c.key.parent ? `${c.key.parent} → ` : ''}${c.key.name}`)
    .sort();
}
