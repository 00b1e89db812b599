import type { RawSlo } from '../../kinds/slo/raw';

/** What an SLO file import produced: the entries it could write, and a sentence for each it could not. */
export interface SloImport {
  readonly slos: readonly RawSlo[];
  readonly refused: readonly string[];
}
