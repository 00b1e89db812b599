import { ConfigError, MonitorsError, formatDiagnostic, type Diagnostic } from '../model';
import { resourceCountText } from '../kinds/derived';
import { defaultChainRegion } from '../aws/default-region';
import { loadStacks } from '../config/load';

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
    const loaded = await loadStacks(dir, { env, checkOnly: true, defaultRegion: () => defaultChainRegion(env) });
    // A stack with targets is checked in every target; its resources are counted in each.
    const stacks = loaded.targets ? loaded.targets.map((t) => t.stack) : [loaded.stack];
    const stack = stacks[0] as (typeof stacks)[number];
    const resources = stacks.reduce((n, s) => n + s.resources.length, 0);
    const perTarget = loaded.targets?.map((t) => ({
      target: t.target.name,
      region: t.target.region,
      accountId: t.target.account,
      resources: t.stack.resources.length,
    }));
    if (format === 'json') {
      json({
        ...report(dir, stack.warnings, { resources, files: stack.files }),
        ...(perTarget ? { targets: perTarget } : {}),
      });
      return 0;
    }
    for (const w of stack.warnings) out(formatDiagnostic(w));
    const warnings = stack.warnings.length > 0 ? ` (${stack.warnings.length} warning(s))` : '';
    const across = perTarget ? ` across ${perTarget.length} target(s)` : '';
    const packs = stack.packs?.length ?? 0;
    // A pack's alarms exist only once a plan has discovered what it selects.
    const packNote = packs > 0 ? ` and ${packs} alarm pack(s), expanded at plan time` : '';
    out(
      `${dir} is valid: ${resourceCountText(stacks)}${packNote} in ${stack.files.length} file(s)${across}${warnings}`,
    );
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
