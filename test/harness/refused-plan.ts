/** Plans a stack that must be refused before AWS, and returns what it was refused with. */
import { planStack } from '../../src/core';
import { ConfigError, formatDiagnostic } from '../../src/model';
import { stackDir } from '../integration/stack-dir';
import type { CountingEndpoint } from './counting-endpoint';

/**
 * The diagnostics of the given severity that refuse a plan of a directory holding `files`, run from
 * inside it against a counting endpoint; fails the test if any request reached that endpoint, and
 * throws if the plan was not refused.
 */
export async function refusedPlan(
  aws: CountingEndpoint,
  files: Readonly<Record<string, string>>,
  severity: 'error' | 'warning' = 'error',
): Promise<string[]> {
  const cwd = process.cwd();
  process.chdir(stackDir(files));
  const before = aws.requests();
  try {
    await planStack({
      directory: '.',
      endpointUrl: aws.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      adopt: true,
      allowMassDelete: false,
      maxDeleteShare: 0.5,
      env: {},
    });
  } catch (err) {
    expect(aws.requests() - before).toBe(0);
    if (err instanceof ConfigError)
      return err.diagnostics.filter((d) => d.severity === severity).map((d) => formatDiagnostic(d));
    throw err;
  } finally {
    process.chdir(cwd);
  }
  throw new Error('planStack accepted files that should have been refused');
}
