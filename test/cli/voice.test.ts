/**
 * One CLI voice: every command refuses an unknown or foreign flag in the same sentence, with the
 * likely flag and the command's own; every command's --help has its options and its exit codes; a
 * flag's value outside its choices names the likely one. No AWS call is made (a loopback endpoint
 * counts requests).
 */
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { runCliCaptured } from '../harness/run-cli';
import { ALL_COMMANDS, COMMAND_OPTIONS } from '../../src/cli/table';
import { HELP, parseCliArgs } from '../../src/cli/args';

let aws: CountingEndpoint;
beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  await aws.close();
});

const env = () => ({ AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_ENDPOINT_URL: aws.url });

test.each(ALL_COMMANDS.map((c) => [c]))(
  'monitors %s --endpoint: one sentence naming --endpoint-url where the command takes it',
  async (command) => {
    const before = aws.requests();
    const r = await runCliCaptured([command, '--endpoint', aws.url], { env: env() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const takesEndpoint = COMMAND_OPTIONS[command].includes('endpoint-url');
    const hint = takesEndpoint ? ' \\(did you mean "--endpoint-url"\\?\\)' : '( \\(did you mean "[^"]+"\\?\\))?';
    expect(r.stderr).toMatch(
      new RegExp(
        `^Error: monitors ${command} does not take --endpoint${hint}; its options are: --[a-z-]+(, --[a-z-]+)*\\n$`,
      ),
    );
    expect(r.stderr).not.toContain('positional argument');
    expect(aws.requests()).toBe(before);
  },
);

test.each(ALL_COMMANDS.map((c) => [c]))('monitors %s --help has Usage, Options and Exit codes', async (command) => {
  const r = await runCliCaptured([command, '--help'], { env: env() });
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Usage: monitors /);
  expect(r.stdout).toContain('\nOptions:\n');
  expect(r.stdout).toMatch(/\nExit codes:\n {2}0 {2}\S.*\n {2}1 {2}\S/);
  for (const option of COMMAND_OPTIONS[command]) expect(r.stdout).toContain(`--${option}`);
  expect((await runCliCaptured([command, '-h'], { env: env() })).stdout).toBe(r.stdout);
});

test('-y is accepted wherever --yes is, and means the same', () => {
  const withYes = ALL_COMMANDS.filter((c) => COMMAND_OPTIONS[c].includes('yes'));
  expect(withYes).toEqual(['reconcile', 'force-unlock']);
  for (const command of withYes) {
    expect(parseCliArgs([command, '-y'])).toMatchObject({ command, yes: true });
    expect(parseCliArgs([command, '--yes'])).toMatchObject({ command, yes: true });
    expect(HELP[command]).toContain('-y, --yes');
  }
});

test.each([
  [
    ['reconcile', '-y', '--dry-run', '--format', 'jsn'],
    /--format "jsn" is not valid: expected one of text, markdown, json; did you mean "json"\?/,
  ],
  [
    ['match', 'ERROR', '--format', 'txt'],
    /--format "txt" is not valid: expected one of text, json; did you mean "text"\?/,
  ],
  [
    ['backtest', '--format', 'markdwn'],
    /--format "markdwn" is not valid: expected one of text, markdown, json; did you mean "markdown"\?/,
  ],
  [['plan', '--tag-source', 'per-resouce'], /did you mean "per-resource"\?/],
  [
    ['plan', '--region'],
    /^Error: monitors plan: --region needs a value \(--region R\)\. Run "monitors plan --help"\.\n$/,
  ],
  [['validate', '-y'], /^Error: monitors validate does not take --yes; its options are: --format, --help\n$/],
  [['test', '--fromat', 'json'], /^Error: monitors test does not take --fromat \(did you mean "--format"\?\)/],
])('%j: a bad value or a missing one reads the same for every command', async (argv, message) => {
  const before = aws.requests();
  const r = await runCliCaptured(argv, { env: env() });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(aws.requests()).toBe(before);
});

test('a value that starts with a dash is a value, not a flag', async () => {
  // "--default=-1" gives match a negative default; "-" alone is standard input.
  const r = await runCliCaptured(['match', 'ERROR', '-', '--default=-1'], { env: env(), stdin: 'INFO ok\n' });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
});

test("a flag's documented default is for people: an absent flag still reads as absent", () => {
  const plan = parseCliArgs(['plan']) as {
    tagSource?: string;
    requestTimeoutSeconds?: number;
    lockTtlSeconds?: number;
  };
  expect(plan.tagSource).toBeUndefined();
  expect(plan.requestTimeoutSeconds).toBeUndefined();
  expect(parseCliArgs(['reconcile'])).toMatchObject({ lockTimeoutSeconds: 0, lockTtlSeconds: undefined });
});
