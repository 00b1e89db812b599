/** Rule-test results as text (promtool-style: one line per test, a diff per failure) and as JSON. */
import { visible } from '../model';
import type { RuleTestReport } from './run';

/** The one-line count the CLI ends with and the plan comment carries. */
export function testSummaryLine(report: Pick<RuleTestReport, 'passed' | 'failed'>): string {
  return `Rule tests: ${report.passed} passed, ${report.failed} failed`;
}

export function renderTestText(report: RuleTestReport): string {
  const out: string[] = [];
  let file: string | undefined;
  for (const r of report.results) {
    if (r.location.file !== file) {
      file = r.location.file;
      out.push(`Unit testing ${file}`);
    }
    if (r.failures.length === 0) {
      out.push(`  ok      ${r.name}`);
      continue;
    }
    out.push(`  FAILED  ${r.name} (${r.location.file}:${r.location.line}:${r.location.column})`);
    for (const f of r.failures) {
      out.push(`    ${f.subject} (line ${f.location.line}):`);
      f.expected.forEach((line, i) => out.push(`      ${i === 0 ? '- expected: ' : '            '}${line}`));
      f.got.forEach((line, i) => out.push(`      ${i === 0 ? '+ got:      ' : '            '}${line}`));
    }
  }
  out.push('', testSummaryLine(report));
  // Names and log lines come from files in a pull request: no terminal escape or bidi trick gets through.
  return out.map(visible).join('\n');
}

/** A stable, documented shape (formatVersion 1) for scripts. */
export function renderTestJson(report: RuleTestReport): string {
  return JSON.stringify(
    {
      formatVersion: 1,
      directory: report.directory,
      passed: report.passed,
      failed: report.failed,
      tests: report.results.map((r) => ({
        name: r.name,
        file: r.location.file,
        line: r.location.line,
        column: r.location.column,
        status: r.failures.length === 0 ? 'passed' : 'failed',
        failures: r.failures.map((f) => ({
          line: f.location.line,
          column: f.location.column,
          subject: f.subject,
          expected: f.expected,
          got: f.got,
        })),
      })),
    },
    null,
    2,
  );
}
