/** The write of one stack's adopted-filter record after an apply (see ownership-record.ts). */
import { DeleteParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { unlessAlready } from '../shared/idempotent';
import { encodeRecord, recordParameterName } from './ownership-record';
import { readFilterRecords } from './record-read';

/**
 * Makes a stack's record hold exactly `marks`: when they differ from what it holds, rewrites its
 * parameters and deletes the ones no longer needed (and, for a renamed stack, its former names'
 * records, whose filters it now holds). Returns whether anything was written.
 */
export async function writeFilterRecord(
  ssm: SSMClient,
  stack: string,
  marks: ReadonlySet<string>,
  formerNames: readonly string[] = [],
): Promise<boolean> {
  const current = await readFilterRecords(ssm);
  const values = encodeRecord(marks);
  const existing = new Set(current.parameters.get(stack) ?? []);
  const same =
    existing.size === values.length &&
    [...marks].every((m) => current.marks.get(stack)?.has(m)) &&
    (current.marks.get(stack)?.size ?? 0) === marks.size;
  const formerParams = formerNames.flatMap((n) => current.parameters.get(n) ?? []);
  if (same && formerParams.length === 0) return false;
  // New values first, then removals: a crash in between leaves a claim too many, never one too few.
  for (const [i, value] of values.entries())
    await ssm.send(
      new PutParameterCommand({
        Name: recordParameterName(stack, i + 1),
        Value: value,
        Type: 'String',
        Overwrite: true,
        Description: `monitors: metric filters adopted by stack ${stack} (hashed marks; see the monitors docs)`,
      }),
    );
  const keep = new Set(values.map((_, i) => recordParameterName(stack, i + 1)));
  for (const name of [...[...existing].filter((n) => !keep.has(n)), ...formerParams])
    await unlessAlready(['ParameterNotFound'], () => ssm.send(new DeleteParameterCommand({ Name: name })));
  return true;
}
