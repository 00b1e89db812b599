import type { SourceLocation } from './resources';
import { visible } from './visible';

/** Stable codes: scripts and tests match on these, never on message text. */
export type ErrorCode =
  | 'YAML_SYNTAX'
  | 'SCHEMA'
  | 'DUPLICATE_NAME'
  | 'DANGLING_REFERENCE'
  | 'BAD_FILTER_PATTERN'
  | 'BAD_QUERY'
  | 'BAD_SCHEDULE'
  | 'BAD_INSIGHT_RULE'
  | 'LIMIT_EXCEEDED'
  | 'UNRESOLVED_ENV'
  | 'REGION'
  | 'TARGET'
  | 'NO_FILES'
  | 'FILE_REJECTED'
  | 'AWS_CREDENTIALS'
  | 'AWS_SERVICE'
  | 'TIMEOUT'
  | 'GUARD_REFUSED'
  | 'LOCKED'
  | 'DOUBLE_COUNT'
  | 'SILENT_ALARM'
  | 'CHAT_WEBHOOK'
  | 'USAGE'
  | 'TEST_FAILED'
  | 'SAVED_PLAN_INVALID'
  | 'SAVED_PLAN_STALE'
  | 'SETTLE_FAILED'
  | 'INTERNAL';

/** One problem found in the user's files, located precisely enough for an editor annotation. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: ErrorCode;
  readonly message: string;
  readonly location: SourceLocation;
}

/** Formats a diagnostic the way compilers do: `file:line:column: error CODE: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  const { file, line, column } = d.location;
  return `${visible(file)}:${line}:${column}: ${d.severity} ${d.code}: ${visible(d.message)}`;
}

/**
 * Diagnostics in reading order: by file, then line, then column; ties keep the order they were found
 * in. A person fixes a file top to bottom, and an editor lists them the same way.
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const x = a.d.location;
      const y = b.d.location;
      if (x.file !== y.file) return x.file < y.file ? -1 : 1;
      return x.line - y.line || x.column - y.column || a.i - b.i;
    })
    .map(({ d }) => d);
}

/** An error that stops a run, with a stable code and whether the user or the tool is at fault. */
export class MonitorsError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly source: 'user' | 'internal' = 'user',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MonitorsError';
  }
}

/** The files did not validate; carries every diagnostic, errors and warnings. */
export class ConfigError extends MonitorsError {
  /** Every diagnostic, sorted by file and line. */
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(errors[0]?.code ?? 'SCHEMA', `${errors.length} error(s) in monitors files`);
    this.name = 'ConfigError';
    this.diagnostics = sortDiagnostics(diagnostics);
  }
}
