import { ConfigError, formatDiagnostic } from '../model';
import { renderTestJson, renderTestText } from '../rule-tests/render';
import { runRuleTests } from '../rule-tests/run';
import { loadStack } from '../config/load';
import { sloStarterTests } from '../kinds/slo/starter';

/**
 * `monitors test [dir]`: runs the rule tests under dir/tests offline. Exit 0 when every test passes;
 * 1 when one fails, when a stack or test file is invalid, or when there is no test to run.
 */
export async function runTestCommand(
  dir: string,
  format: 'text' | 'json',
  out: (text: string) => void,
  env: NodeJS.ProcessEnv,
  options: { readonly scaffoldSlos?: boolean } = {},
): Promise<number> {
  try {
    if (options.scaffoldSlos) {
      const text = sloStarterTests(await loadStack(dir, { env }));
      if (text === undefined) {
        out(`${dir} declares no SLO (slos:): there is nothing to scaffold`);
        return 1;
      }
      out(text.trimEnd());
      return 0;
    }
    const report = await runRuleTests(dir, { env });
    if (report.results.length === 0) {
      out(`no rule tests under ${dir}/tests: add a *.yaml file there (see "monitors test --help")`);
      return 1;
    }
    out(format === 'json' ? renderTestJson(report) : renderTestText(report));
    return report.failed > 0 ? 1 : 0;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const d of err.diagnostics) out(formatDiagnostic(d));
    const errors = err.diagnostics.filter((d) => d.severity === 'error').length;
    out(`${dir}: ${errors} error(s); no test was run`);
    return 1;
  }
}
