import type { Diagnostic } from '../model';

/** What the action does to the runner: @actions/core in production, a recorder in tests. */
export interface ActionIo {
  info(message: string): void;
  warning(message: string): void;
  annotate(d: Diagnostic): void;
  setOutput(name: string, value: string): void;
  setSecret(value: string): void;
  setFailed(message: string): void;
  appendSummary(markdown: string): Promise<void>;
}
