import type { CliIo } from '../cli/io';
import type { CliOptions } from '../cli/args';
import { readStackLock } from '../core';
import { MonitorsError } from '../model';
import { ask } from './confirm';
import { runOptionsFromCli } from './run-options';

/**
 * `monitors force-unlock [dir]`: removes the stack's apply lock that a crashed or killed run left.
 * Shows the holder first and asks, since removing a live run's lock lets two applies interleave.
 */
export async function runForceUnlock(options: CliOptions, io: CliIo): Promise<number> {
  const print = (line: string) => io.stdout.write(`${line}\n`);
  // Whether there is a lock at all comes first: with none, there is nothing to confirm.
  const lock = await readStackLock(runOptionsFromCli(options, io.env), options.target);
  if (!lock.holder) {
    print(`No apply lock is held (${lock.name}). Nothing to do.`);
    return 0;
  }
  print(`The apply lock ${lock.name} is held by ${lock.holder}.`);
  if (!options.yes && !io.stdin.isTTY) {
    throw new MonitorsError(
      'USAGE',
      'stdin is not a terminal: pass --yes (-y) to remove the lock without confirmation',
    );
  }
  if (!options.yes && !(await ask(io, 'Remove it? Only if that run is no longer running. Only "yes" is accepted: '))) {
    print('Lock kept.');
    return 1;
  }
  print((await lock.remove()) ? `Removed the apply lock ${lock.name}.` : `The lock ${lock.name} was already gone.`);
  return 0;
}
