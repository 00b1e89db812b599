/**
 * A change is retried whole when a call in it fails transiently, and an apply killed midway is
 * finished by the next run; either way a call can meet the result of its own earlier attempt (the
 * group it creates already exists, the alarm it deletes is already gone). Those answers mean done.
 */

/** AWS error names that mean "already as requested", by what the call was doing. */
export const ALREADY_EXISTS = ['ResourceAlreadyExistsException'] as const;
export const ALREADY_GONE = ['ResourceNotFoundException', 'ResourceNotFound', 'NotFound', 'NotFoundException'] as const;

/** Runs the call; returns false when AWS answered with one of `codes`, rethrows anything else. */
export async function unlessAlready(codes: readonly string[], call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (err) {
    if (err instanceof Error && codes.includes(err.name)) return false;
    throw err;
  }
}
