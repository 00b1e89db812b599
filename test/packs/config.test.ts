/**
 * Mistakes in `packs:`: each reported at its file:line:column with a message to act on (did-you-mean
 * for services and recommendations; a threshold AWS does not give is asked for), before any AWS call.
 * And the example block validates exactly as written.
 */
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { runCliCaptured } from '../harness/run-cli';
import { refusedPlan } from '../harness/refused-plan';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

let aws: CountingEndpoint;
beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  await aws.close();
  removeStackDirs();
});

const STACK = 'stack:\n  name: shop\n  region: us-east-1\ntopics:\n  - name: shop-alerts\n';

const EXAMPLE = `packs:
  - service: lambda
    select: { tags: { team: shop } }   # or names:, or a name prefix
    notify: shop-alerts
    override: { Errors: { threshold: 5 } }
    except: [ConcurrentExecutions]
`;

const refused = (packs: string) => refusedPlan(aws, { 'stack.yaml': STACK, 'packs.yaml': packs });

test("the issue's example validates as written", async () => {
  const dir = stackDir({ 'stack.yaml': STACK, 'packs.yaml': EXAMPLE });
  const run = await runCliCaptured(['validate', dir]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('is valid: 1 resources and 1 alarm pack(s), expanded at plan time in 2 file(s)');
});

test('an unknown service is refused at its place, with the closest name', async () => {
  expect(await refused(EXAMPLE.replace('service: lambda', 'service: lamda'))).toEqual([
    'packs.yaml:2:14: error SCHEMA: unknown pack service "lamda"; did you mean "lambda"? (run "monitors packs" for the list)',
  ]);
});

test('an unknown recommendation in override or except is refused at its place, with the closest key', async () => {
  const errors = await refused(
    EXAMPLE.replace('Errors: { threshold: 5 }', 'Error: { threshold: 5 }').replace(
      '[ConcurrentExecutions]',
      '[ConcurentExecutions, Errors]',
    ),
  );
  expect(errors).toEqual([
    // Diagnostics come sorted by file and line (cli-voice).
    "packs.yaml:2:14: error SCHEMA: pack lambda: AWS recommends no threshold for ConcurrentExecutions (about 90% of the function's reserved concurrency, or of the account's concurrency quota); give one with override: { ConcurrentExecutions: { threshold: N } }, or leave it out with except: [ConcurrentExecutions]",
    'packs.yaml:5:17: error SCHEMA: pack lambda has no recommendation "Error"; did you mean "Errors"?; its recommendations are Errors, Throttles, Duration, ConcurrentExecutions',
    'packs.yaml:6:14: error SCHEMA: pack lambda has no recommendation "ConcurentExecutions"; did you mean "ConcurrentExecutions"?; its recommendations are Errors, Throttles, Duration, ConcurrentExecutions',
  ]);
});

test('a recommendation without a threshold from AWS needs one: the error names the metric', async () => {
  const errors = await refused(EXAMPLE.replace('    override: { Errors: { threshold: 5 } }\n', ''));
  expect(errors).toEqual([
    'packs.yaml:2:14: error SCHEMA: pack lambda: AWS recommends no threshold for Errors (set it above zero, to the number of errors your application tolerates); give one with override: { Errors: { threshold: N } }, or leave it out with except: [Errors]',
  ]);
});

test('schema mistakes: an empty selection, an unknown select key, a bad override field', async () => {
  const errors = await refused(
    `packs:\n  - service: sqs\n    select: {}\n  - service: sqs\n    select: { label: x }\n  - service: sqs\n    select: { prefix: a }\n    override: { ApproximateNumberOfMessagesVisible: { threshold: "high" } }\n`,
  );
  expect(errors.length).toBe(3);
  expect(errors[0]).toMatch(/^packs\.yaml:3:13: error SCHEMA: /);
  expect(errors[1]).toMatch(/^packs\.yaml:5:\d+: error SCHEMA: .*label/);
  expect(errors[2]).toMatch(/^packs\.yaml:8:\d+: error SCHEMA: .*threshold/);
});

test('overriding and excepting the same recommendation, and datapoints above the periods, are refused', async () => {
  const errors = await refused(
    `packs:\n  - service: ebs\n    select: { tags: { team: shop } }\n    override: { VolumeStalledIOCheck: { evaluationPeriods: 2, datapointsToAlarm: 3 } }\n    except: [VolumeStalledIOCheck]\n`,
  );
  expect(errors).toEqual([
    'packs.yaml:4:17: error SCHEMA: VolumeStalledIOCheck is both overridden and left out (except): keep one',
  ]);
  expect(
    await refused(
      `packs:\n  - service: ebs\n    select: { tags: { team: shop } }\n    override: { VolumeStalledIOCheck: { evaluationPeriods: 2, datapointsToAlarm: 3 } }\n`,
    ),
  ).toEqual([
    'packs.yaml:4:39: error SCHEMA: VolumeStalledIOCheck: datapointsToAlarm (3) cannot exceed evaluationPeriods (2)',
  ]);
});

test('a pack notifying an undeclared topic is a dangling reference', async () => {
  const errors = await refused(EXAMPLE.replace('notify: shop-alerts', 'notify: shop-alert'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^packs\.yaml:4:13: error DANGLING_REFERENCE: .*shop-alert/);
});

test('monitors packs lists the services; monitors packs lambda gives the details; a typo gets a suggestion', async () => {
  const list = await runCliCaptured(['packs']);
  expect(list.code).toBe(0);
  expect(list.stdout).toMatch(/^lambda +AWS Lambda, per function: Errors, Throttles, Duration, ConcurrentExecutions$/m);
  expect(list.stdout.match(/^[a-z0-9-]+ {2,}/gm)?.length).toBeGreaterThanOrEqual(15);
  const lambda = await runCliCaptured(['packs', 'lambda']);
  expect(lambda.stdout).toContain('  condition   Sum > T in 1m for 3 of 3 (period 60s)');
  expect(lambda.stdout).toContain("80% of the function's configured timeout");
  expect(lambda.stdout).toContain('Best_Practice_Recommended_Alarms_AWS_Services.html (section Lambda)');
  const typo = await runCliCaptured(['packs', 'lamda']);
  expect(typo.code).toBe(1);
  expect(typo.stderr).toContain('did you mean "lambda"?');
  expect((await runCliCaptured(['--help'])).stdout).toContain('packs [SERVICE]');
});
