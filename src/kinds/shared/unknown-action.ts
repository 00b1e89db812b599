import { AwsCallError } from '../../aws/call-error';

/**
 * An endpoint that does not know the call at all: an emulator (ministack answers "Unknown action",
 * moto an HTML 500 page), never AWS, which always answers in its own protocol. Such an endpoint holds
 * none of what the call lists, so every other kind can still be planned there (docs/emulators.md).
 */
export function unknownAction(err: unknown): boolean {
  if (err instanceof AwsCallError && err.answer === 'html') return true;
  const e = err as { name?: string; message?: string };
  return (
    (e.name === 'InvalidOperationException' ||
      e.name === 'UnknownOperationException' ||
      // ministack's CloudWatch (JSON 1.0).
      e.name === 'InvalidAction') &&
    /unknown action|unknown operation/i.test(e.message ?? '')
  );
}
