import { yamlLib } from '../../config/yaml-lib';
import type { SloImport } from './result';

/** The `slos:` file an import writes: a header saying where it came from and what to add, then the entries. */
export function slosFileText(imported: SloImport, from: string): string {
  const body = yamlLib().stringify({ slos: imported.slos.map((s) => ({ ...s })) }, { lineWidth: 0 });
  return [
    '# yaml-language-server: $schema=https://raw.githubusercontent.com/monitors-as-code/monitors/v1.0.0/schema/monitors.schema.json',
    '#',
    `# Imported by monitors import from ${from}. Add page: and ticket: topics to each SLO, and check`,
    '# that the metrics are the ones your stack emits (docs/slos.md).',
    body,
  ].join('\n');
}
