import type { ActionIo } from './action-io';

/**
 * Registers a `${env:}` value with the runner's log masking, with the forms a log could show it in
 * (JSON-escaped, lower-cased). The renderers never print it; this is the runner's second line.
 */
export function registerSecret(io: Pick<ActionIo, 'setSecret'>, value: string): void {
  // Each line too: a log line can hold one line of a multi-line value.
  const lines = value.split(/\r?\n/);
  const forms = new Set([
    value,
    JSON.stringify(value).slice(1, -1),
    value.toLowerCase(),
    ...(lines.length > 1 ? lines : []),
  ]);
  for (const form of forms) if (form.length > 0) io.setSecret(form);
}
