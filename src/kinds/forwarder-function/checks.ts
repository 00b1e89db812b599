/**
 * Lambda allows 4 KB for all of a function's environment variables together, and the forwarder's
 * destinations live there: a stack with too many (or too long) webhook URLs is refused before
 * anything is sent, instead of failing the apply halfway. Names no URL, only the size.
 */
import type { Diagnostic, DesiredResource } from '../../model';
import { DESTINATIONS_VAR } from '../../forwarder/config';
import { destinationsJson } from './build';

const LAMBDA_ENVIRONMENT_BYTES = 4096;

export function forwarderEnvironmentSize(resources: readonly DesiredResource[]): Diagnostic[] {
  return resources.flatMap((r): Diagnostic[] => {
    if (r.spec.kind !== 'forwarderFunction') return [];
    const destinations = r.spec.destinations;
    const bytes = Buffer.byteLength(DESTINATIONS_VAR) + Buffer.byteLength(destinationsJson(destinations));
    if (bytes <= LAMBDA_ENVIRONMENT_BYTES) return [];
    return [
      {
        severity: 'error',
        code: 'LIMIT_EXCEEDED',
        message: `the stack's ${Object.keys(destinations).length} chat destinations take ${bytes} bytes of the forwarder's environment; Lambda allows ${LAMBDA_ENVIRONMENT_BYTES} in all: declare fewer chats, or share a topic between alarms`,
        location: r.source,
      },
    ];
  });
}
