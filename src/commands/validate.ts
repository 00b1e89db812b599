import { ConfigError, formatDiagnostic } from '../model';
import { loadStack } from '../config/load';

/** `monitors validate [dir]`: prints every problem as file:line:column; exit 1 on errors. No AWS call. */
export async function runValidate(
  dir: string,
  out: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    const stack = await loadStack(dir, { env });
    for (const w of stack.warnings) out(formatDiagnostic(w));
    const warnings = stack.warnings.length > 0 ? ` (${stack.warnings.length} warning(s))` : '';
    out(`${dir} is valid: ${stack.resources.length} resources in ${stack.files.length} file(s)${warnings}`);
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const d of err.diagnostics) out(formatDiagnostic(d));
    const errors = err.diagnostics.filter((d) => d.severity === 'error').length;
    out(`${dir}: ${errors} error(s), ${err.diagnostics.length - errors} warning(s)`);
    return 1;
  }
}
