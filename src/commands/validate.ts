import { ConfigError, MonitorsError, formatDiagnostic, type Diagnostic } from '../model';
import { defaultChainRegion } from '../aws/default-region';
import { loadStack } from '../config/load';

/** The JSON form of a validation: one object, stable keys, for editors and scripts. */
export interface ValidationReport {
  readonly formatVersion: 1;
  readonly directory: string;
  readonly valid: boolean;
  readonly errors: number;
  readonly warnings: number;
  /** Present when valid. */
  readonly resources?: number;
  readonly files?: readonly string[];
  readonly diagnostics: readonly {
    readonly file: string;
    readonly line: number;
    readonly column: number;
    readonly severity: Diagnostic['severity'];
    readonly code: Diagnostic['code'];
    readonly message: string;
  }[];
}

function report(
  directory: string,
  diagnostics: readonly Diagnostic[],
  loaded?: { resources: number; files: readonly string[] },
): ValidationReport {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    formatVersion: 1,
    directory,
    valid: errors === 0,
    errors,
    warnings: diagnostics.length - errors,
    ...(loaded ?? {}),
    diagnostics: diagnostics.map((d) => ({ ...d.location, severity: d.severity, code: d.code, message: d.message })),
  };
}

/**
 * `monitors validate [dir]`: prints every problem as file:line:column (or one JSON report); exit 1
 * on errors. An unset `${env:}` or a missing region is only a warning here. No AWS call.
 */
export async function runValidate(
  dir: string,
  out: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
  format: 'text' | 'json' = 'text',
): Promise<number> {
  const json = (r: ValidationReport) => out(JSON.stringify(r, null, 2));
  try {
    const stack = await loadStack(dir, { env, checkOnly: true, defaultRegion: () => defaultChainRegion(env) });
    if (format === 'json') {
      json(report(dir, stack.warnings, { resources: stack.resources.length, files: stack.files }));
      return 0;
    }
    for (const w of stack.warnings) out(formatDiagnostic(w));
    const warnings = stack.warnings.length > 0 ? ` (${stack.warnings.length} warning(s))` : '';
    out(`${dir} is valid: ${stack.resources.length} resources in ${stack.files.length} file(s)${warnings}`);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      if (format === 'json') {
        json(report(dir, err.diagnostics));
        return 1;
      }
      for (const d of err.diagnostics) out(formatDiagnostic(d));
      const errors = err.diagnostics.filter((d) => d.severity === 'error').length;
      out(`${dir}: ${errors} error(s), ${err.diagnostics.length - errors} warning(s)`);
      return 1;
    }
    // A directory that cannot be read has no line to point at; JSON readers still get one report.
    if (err instanceof MonitorsError && err.source === 'user' && format === 'json') {
      json(
        report(dir, [
          { severity: 'error', code: err.code, message: err.message, location: { file: dir, line: 1, column: 1 } },
        ]),
      );
      return 1;
    }
    throw err;
  }
}
