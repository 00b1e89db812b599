/**
 * What the IAM policies grant for the adopted-filter record (ownership-record.ts): reading every
 * stack's record (a plan must see other stacks' claims to leave their filters alone), and writing
 * only this stack's own, plus deleting its former names' records (stack.formerNames) it takes over.
 */
import { RECORD_ROOT, recordPath } from './ownership-record';

/** The plan's read of every record: GetParametersByPath is authorised on the path itself. */
export const RECORD_READ_ACTIONS: readonly string[] = ['ssm:GetParametersByPath'];

/** The apply's writes of its own record. */
export const RECORD_WRITE_ACTIONS: readonly string[] = ['ssm:PutParameter', 'ssm:DeleteParameter'];

/** What a renamed stack may do to its former names' records: remove them once its own holds their filters. */
export const RECORD_FORMER_ACTIONS: readonly string[] = ['ssm:DeleteParameter'];

/** The ARN of the records' root path (what GetParametersByPath is checked against). */
export function recordRootArn(region: string, account: string): string {
  return `arn:aws:ssm:${region}:${account}:parameter${RECORD_ROOT}`;
}

/** The ARNs of a stack's record parameters. */
export function recordArns(region: string, account: string, stack: string): string {
  return `arn:aws:ssm:${region}:${account}:parameter${recordPath(stack)}/*`;
}
