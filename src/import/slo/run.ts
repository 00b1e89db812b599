/** `monitors import --openslo FILE | --sloth FILE`: an SLO file converted into DIR/slos.yaml, without AWS. */
import { readFileSync } from 'fs';
import { MonitorsError } from '../../model';
import { writeImport } from '../write';
import { fromOpenSlo } from './openslo';
import { fromSloth } from './sloth';
import { slosFileText } from './write';

export function importSloFile(
  input: { readonly format: 'openslo' | 'sloth'; readonly file: string },
  out: string,
  force: boolean,
  print: (line: string) => void,
): number {
  let text: string;
  try {
    text = readFileSync(input.file, 'utf8');
  } catch (err) {
    throw new MonitorsError(
      'USAGE',
      `--${input.format} ${input.file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let imported;
  try {
    imported = input.format === 'openslo' ? fromOpenSlo(text) : fromSloth(text);
  } catch (err) {
    throw new MonitorsError(
      'USAGE',
      `--${input.format} ${input.file}: not a YAML file (${(err as Error).message.split('\n')[0] ?? ''})`,
    );
  }
  const refusals = imported.refused.map((r) => `  ${r}`);
  if (imported.slos.length === 0)
    throw new MonitorsError(
      'USAGE',
      `--${input.format} ${input.file}: no SLO maps to CloudWatch; nothing was written${refusals.length > 0 ? `:\n${refusals.join('\n')}` : ''}`,
    );
  const written = writeImport(out, { 'slos.yaml': slosFileText(imported, input.file) }, force);
  print(`Imported ${imported.slos.length} SLO(s) from ${input.file}:`);
  for (const f of written) print(`  wrote ${f}`);
  if (refusals.length > 0) {
    print('Left out:');
    for (const r of refusals) print(r);
  }
  return 0;
}
