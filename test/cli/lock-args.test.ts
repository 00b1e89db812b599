/** The apply lock's flags and the force-unlock command, as parsed from argv. */
import { HELP, parseCliArgs, type CliOptions } from '../../src/cli/args';
import { MonitorsError } from '../../src/model';

const parse = (...argv: string[]) => parseCliArgs(argv) as CliOptions;

test('--lock-timeout and --lock-ttl take durations or plain seconds; the defaults are 0 and unset', () => {
  expect(parse('reconcile', '--lock-timeout', '5m', '--lock-ttl', '1h')).toMatchObject({
    lockTimeoutSeconds: 300,
    lockTtlSeconds: 3600,
  });
  expect(parse('reconcile', '--lock-timeout', '90')).toMatchObject({ lockTimeoutSeconds: 90 });
  expect(parse('reconcile')).toMatchObject({ lockTimeoutSeconds: 0, lockTtlSeconds: undefined });
});

test.each([
  [['--lock-timeout', 'soon'], '--lock-timeout "soon" is not valid: expected a duration such as 30s, 5m or 1h'],
  [['--lock-timeout=-5'], '--lock-timeout "-5" is not valid: expected a duration such as 30s, 5m or 1h'],
  [['--lock-ttl', '0'], '--lock-ttl "0" is not valid: expected a duration such as 30s, 5m or 1h'],
])('%j is a usage error', (flags, message) => {
  let thrown: unknown;
  try {
    parse('reconcile', ...flags);
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(MonitorsError);
  expect(thrown).toMatchObject({ code: 'USAGE', message });
});

test('force-unlock is a command with its own help, and takes a directory and --yes', () => {
  expect(parse('force-unlock', '--yes', 'stacks/shop')).toMatchObject({
    command: 'force-unlock',
    yes: true,
    directory: 'stacks/shop',
  });
  expect(HELP.main).toContain('force-unlock [dir]');
  expect(HELP['force-unlock']).toContain('/monitors/<stack>/lock');
});
