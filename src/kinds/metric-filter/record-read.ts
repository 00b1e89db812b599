/**
 * The read of the adopted-filter record (ownership-record.ts): every stack's, in one paged read, so
 * a plan knows which stack claims which filter without a call per filter.
 */
import { paginateGetParametersByPath, type SSMClient } from '@aws-sdk/client-ssm';
import { paged } from '../../aws/paging';
import { decodeRecord, RECORD_ROOT, recordStackOf } from './ownership-record';

/** Every stack's record: the stacks claiming each mark, and the parameter names of each stack's record. */
export interface FilterRecords {
  readonly claims: ReadonlyMap<string, readonly string[]>;
  readonly parameters: ReadonlyMap<string, readonly string[]>;
  /** Each stack's marks (what its record holds now). */
  readonly marks: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Reads every stack's record: one paged GetParametersByPath under the shared root, 10 per page. */
export async function readFilterRecords(ssm: SSMClient): Promise<FilterRecords> {
  const claims = new Map<string, string[]>();
  const parameters = new Map<string, string[]>();
  const marks = new Map<string, Set<string>>();
  for await (const page of paginateGetParametersByPath(paged(ssm, 10), { Path: RECORD_ROOT, Recursive: true })) {
    for (const p of page.Parameters ?? []) {
      const name = p.Name ?? '';
      const stack = recordStackOf(name);
      if (stack === undefined) continue;
      parameters.set(stack, [...(parameters.get(stack) ?? []), name]);
      const own = marks.get(stack) ?? new Set<string>();
      marks.set(stack, own);
      for (const mark of decodeRecord(name, p.Value ?? '')) {
        own.add(mark);
        const by = claims.get(mark) ?? [];
        if (!by.includes(stack)) claims.set(mark, [...by, stack]);
      }
    }
  }
  return { claims, parameters, marks };
}
