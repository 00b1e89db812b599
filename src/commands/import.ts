/** `monitors import`: console-made log groups, filters, alarms and topics written as reviewed YAML. */
import type { CliIo } from '../cli/io';
import type { CliOptions } from '../cli/args';
import { defaultChainRegion } from '../aws/default-region';
import { checkRegionName } from '../config/region';
import { MonitorsError, visible } from '../model';
import { runImport } from '../import/run';
import { suggestionLines } from '../kinds/pack/suggest';
import { checkSelection } from '../import/selection';
import { checkOutDir, writeImport } from '../import/write';
import { credentialsFromEnv } from './run-options';
import { importSloFile } from '../import/slo/run';

const STACK_NAME = /^[a-z][a-z0-9-]{0,62}$/;

export async function runImportCommand(options: CliOptions, io: CliIo): Promise<number> {
  const print = (line: string) => io.stdout.write(`${visible(line)}\n`);
  if (options.importSloFile)
    return importSloFile(options.importSloFile, options.out ?? 'monitors', options.force, print);
  const selection = options.importSelection;
  checkSelection(selection);
  const stack = options.stackName ?? 'imported';
  if (!STACK_NAME.test(stack))
    throw new MonitorsError(
      'USAGE',
      `--stack "${stack.slice(0, 70)}" is not valid: lower-case letters, digits and dashes, starting with a letter`,
    );
  const out = options.out ?? 'monitors';
  checkOutDir(out, options.force);
  const chain = options.region === undefined ? await defaultChainRegion(io.env, options.profile) : undefined;
  const region = options.region ?? chain?.region;
  if (region === undefined)
    throw new MonitorsError('USAGE', "no region: pass --region, or set AWS_REGION or a profile's region");
  checkRegionName(region, options.region !== undefined ? '--region' : (chain?.from ?? '--region'));

  const result = await runImport({
    stack,
    region,
    selection,
    endpointUrl: options.endpointUrl,
    profile: options.profile,
    tagSource: options.tagSource,
    requestTimeoutSeconds: options.requestTimeoutSeconds,
    credentials: options.profile ? undefined : credentialsFromEnv(io.env),
  });
  const { layout } = result;
  if (options.stats) {
    const lines = Object.entries(result.calls)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([op, n]) => `  ${op}: ${n}`);
    const total = Object.values(result.calls).reduce((a, b) => a + b, 0);
    io.stderr.write(`AWS calls (${total}):\n${lines.join('\n')}\n`);
  }
  // Live names are anyone's: a line break or an escape in one must not forge a line of this list.
  const leftOut = layout.leftOut.map((l) => `  ${visible(l.resource)}: ${visible(l.reason)}`);
  if (layout.count === 0) {
    throw new MonitorsError(
      'USAGE',
      `the selection matched nothing importable in ${region}; nothing was written${leftOut.length > 0 ? `. Left out:\n${leftOut.join('\n')}` : ' (check the prefixes and topic names)'}`,
    );
  }
  if (result.deletes.length > 0)
    // Written and applied, these files would silently delete what the stack already has.
    throw new MonitorsError(
      'USAGE',
      `nothing was written: the stack "${stack}" already owns resources these files leave out, so their first plan would delete them:\n${result.deletes.map((d) => `  ${d}`).join('\n')}\nSelect them too (e.g. --all), or import into another --stack name`,
    );
  const written = writeImport(out, result.texts, options.force);
  print(`Imported ${layout.count} resource(s) from ${region} into stack "${stack}":`);
  for (const f of written) print(`  wrote ${f}`);
  if (leftOut.length > 0) {
    print('');
    print(`Left out (${leftOut.length}), not written:`);
    for (const l of leftOut) print(l);
  }
  if (layout.secrets.length > 0) {
    print('');
    print(`Web hook URLs are not written. Set these variables before plan (listed in ${out}/.env.example):`);
    for (const s of layout.secrets) print(`  ${s.name}  (${s.for})`);
  }
  print('');
  if (result.drift.length > 0) {
    print('Warning: the first plan of these files would do more than adopt:');
    for (const d of result.drift) print(`  ${d}`);
  } else
    print(
      `Checked: the first plan adopts ${result.adopts} resource(s) (adding the ownership tag) and changes no field.`,
    );
  if (result.packs.length > 0) {
    print('');
    print("Note: some alarms read are AWS's recommended alarms, kept here one copy per resource (docs/packs.md):");
    for (const s of result.packs) for (const line of suggestionLines(s)) print(line);
  }
  print(`Next: monitors validate ${out} && monitors plan ${out}, then a pull request.`);
  return 0;
}
