/**
 * The stack's rule tests inside the action (plan mode): each failure becomes an annotation at the
 * expectation's line, and the plan comment gets one section with the count and the failed tests.
 */
import { ConfigError, MonitorsError, visible, type Diagnostic } from '../model';
import { findTestFiles } from '../rule-tests/format';
import { testSummaryLine } from '../rule-tests/render';
import { runRuleTests } from '../rule-tests/run';

/** What the action reports: a markdown section for the comment, and whether to fail the job. */
export interface ActionRuleTests {
  readonly markdown: string;
  readonly summary: string;
  readonly failed: boolean;
}

/** Test names and subjects come from files in the pull request: shown as text, never as markup. */
function text(s: string): string {
  return visible(s)
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()<>#+!|~-]/g, (c) => `\\${c}`);
}

/** Runs the tests under `<directory>/tests`; undefined when the stack has none. */
export async function ruleTestsForAction(
  directory: string,
  env: NodeJS.ProcessEnv,
  annotate: (d: Diagnostic) => void,
): Promise<ActionRuleTests | undefined> {
  const found = await findTestFiles(directory);
  if (found.files.length === 0 && found.rejected.length === 0) return undefined;
  try {
    const report = await runRuleTests(directory, { env });
    const summary = testSummaryLine(report);
    const lines = [`**${summary}**`];
    for (const r of report.results) {
      if (r.failures.length === 0) continue;
      lines.push(`- ❌ ${text(r.name)} (\`${r.location.file}:${r.location.line}\`)`);
      for (const f of r.failures) {
        const message = `rule test "${r.name}" failed: ${f.subject}: expected ${f.expected.join(' ')}, got ${f.got.join(' ')}`;
        annotate({ severity: 'error', code: 'TEST_FAILED', message: visible(message), location: f.location });
        lines.push(`  - ${text(f.subject)}: expected ${text(f.expected[0] ?? '')}, got ${text(f.got[0] ?? '')}`);
      }
    }
    return { markdown: `${lines.join('\n')}\n`, summary, failed: report.failed > 0 };
  } catch (err) {
    if (err instanceof MonitorsError && !(err instanceof ConfigError)) {
      // The plan comment must still be posted when the tests cannot run.
      const summary = 'Rule tests: not run';
      return {
        markdown: `**${summary}**: ${text(err.message)}\n`,
        summary: `${summary}: ${err.message}`,
        failed: true,
      };
    }
    if (!(err instanceof ConfigError)) throw err;
    for (const d of err.diagnostics) annotate(d);
    const errors = err.diagnostics.filter((d) => d.severity === 'error').length;
    const summary = `Rule tests: not run, ${errors} error(s) in the test files`;
    return { markdown: `**${summary}** (see the annotations)\n`, summary, failed: true };
  }
}
