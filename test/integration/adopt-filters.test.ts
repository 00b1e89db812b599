/**
 * A metric filter made in the console (any name) is adopted in place with `awsName:`: the plan shows
 * `* adopt`, the apply leaves one filter under the same name (no second one beside it counting every
 * line again), the stack's SSM record says it owns it, and from then on it is the stack's like any
 * other: changed in place, renamed by a replace, deleted when removed from the files. Another stack
 * can never claim it.
 */
import {
  CreateLogGroupCommand,
  DescribeMetricFiltersCommand,
  PutMetricFilterCommand,
  type MetricFilter,
} from '@aws-sdk/client-cloudwatch-logs';
import { GetParametersByPathCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { applyStack, planStack } from '../../src/core';
import { filterMark, RECORD_ROOT } from '../../src/kinds/metric-filter/ownership-record';
import { renderText } from '../../src/render';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from './stack-dir';

afterAll(removeStackDirs);

const GROUP = '/shop/app';

/** A stack declaring the log group and, when given, a filter adopted under `awsName`. */
function stackYaml(stack: string, filter?: { awsName?: string; pattern?: string; name?: string }): string {
  const lines = [`stack:\n  name: ${stack}\n  region: us-east-1`, `logGroups:\n  - name: ${GROUP}`];
  if (filter)
    lines.push(
      'metricFilters:',
      `  - name: ${filter.name ?? 'errors'}`,
      ...(filter.awsName !== undefined ? [`    awsName: ${JSON.stringify(filter.awsName)}`] : []),
      `    logGroup: ${GROUP}`,
      `    pattern: ${JSON.stringify(filter.pattern ?? 'ERROR')}`,
      '    metric:',
      '      namespace: Shop',
      '      name: Errors',
    );
  return `${lines.join('\n')}\n`;
}

/** The console's work: a log group and a filter on it, made with the SDK, no tags, no prefix. */
async function consoleFilter(account: TestAccount, name: string): Promise<void> {
  const { logs } = rawClients(account);
  await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  await logs.send(
    new PutMetricFilterCommand({
      logGroupName: GROUP,
      filterName: name,
      filterPattern: 'ERROR',
      metricTransformations: [{ metricNamespace: 'Shop', metricName: 'Errors', metricValue: '1' }],
    }),
  );
}

async function filtersIn(account: TestAccount): Promise<MetricFilter[]> {
  const out = await rawClients(account).logs.send(new DescribeMetricFiltersCommand({ logGroupName: GROUP }));
  return out.metricFilters ?? [];
}

/** Every record parameter: name -> value. */
async function records(account: TestAccount): Promise<Record<string, string>> {
  const ssm = new SSMClient({ region: account.region, endpoint: account.endpoint, credentials: account.credentials });
  const out = await ssm.send(new GetParametersByPathCommand({ Path: RECORD_ROOT, Recursive: true }));
  return Object.fromEntries((out.Parameters ?? []).map((p) => [p.Name ?? '', p.Value ?? '']));
}

test('a console-made filter is adopted in place, owned through the record, changed, renamed and deleted', async () => {
  const account = freshAccount();
  await consoleFilter(account, 'Errors (made by hand)');
  const dir = stackDir({ 'stack.yaml': stackYaml('shop', { awsName: 'Errors (made by hand)' }) });

  const run = await planStack(optionsFor(account, dir));
  expect(changeSummary(run)).toEqual([
    `adopt logGroup ${GROUP}`,
    `adopt metricFilter ${GROUP} → Errors (made by hand)`,
  ]);
  expect(run.plan.guards.filter((g) => g.refused)).toEqual([]);
  const text = renderText(run.plan, { color: false });
  expect(text).toContain(`* metric filter ${GROUP} → Errors (made by hand)`);
  expect(text).toContain('Plan: 0 to add, 0 to change, 0 to replace, 0 to delete, 2 to adopt.');
  await reconcile(optionsFor(account, dir));

  // One filter, under its own name: nothing beside it counting the same lines.
  expect((await filtersIn(account)).map((f) => f.filterName)).toEqual(['Errors (made by hand)']);
  expect(await records(account)).toEqual({
    [`${RECORD_ROOT}/shop/1`]: `v1 ${filterMark(GROUP, 'Errors (made by hand)')}`,
  });
  const again = await planStack(optionsFor(account, dir));
  expect(changeSummary(again)).toEqual([]);
  expect(renderText(again.plan, { color: false })).toContain('No changes.');

  // Now the stack's: a changed pattern is an update in place, under the same name.
  writeFileSync(
    path.join(dir, 'stack.yaml'),
    stackYaml('shop', { awsName: 'Errors (made by hand)', pattern: 'FATAL' }),
  );
  const edit = await reconcile(optionsFor(account, dir));
  expect(changeSummary(edit.run)).toEqual([`update metricFilter ${GROUP} → Errors (made by hand)`]);
  expect((await filtersIn(account)).map((f) => [f.filterName, f.filterPattern])).toEqual([
    ['Errors (made by hand)', 'FATAL'],
  ]);

  // A new awsName: AWS cannot rename, so one replace, the old filter deleted before the new one exists.
  writeFileSync(path.join(dir, 'stack.yaml'), stackYaml('shop', { awsName: 'shop-errors', pattern: 'FATAL' }));
  const rename = await reconcile(optionsFor(account, dir));
  expect(changeSummary(rename.run)).toEqual([`replace metricFilter ${GROUP} → shop-errors`]);
  expect((await filtersIn(account)).map((f) => f.filterName)).toEqual(['shop-errors']);
  expect(await records(account)).toEqual({ [`${RECORD_ROOT}/shop/1`]: `v1 ${filterMark(GROUP, 'shop-errors')}` });
  expect(changeSummary(await planStack(optionsFor(account, dir)))).toEqual([]);

  // Removed from the files: it was adopted, so it is the stack's to delete; the record empties.
  writeFileSync(path.join(dir, 'stack.yaml'), stackYaml('shop'));
  const removal = await planStack(optionsFor(account, dir));
  expect(changeSummary(removal)).toEqual([`delete metricFilter ${GROUP} → shop-errors`]);
  const result = await applyStack(removal, optionsFor(account, dir));
  expect(result.failed).toBe(0);
  expect(await filtersIn(account)).toEqual([]);
  expect(await records(account)).toEqual({});
  expect(changeSummary(await planStack(optionsFor(account, dir)))).toEqual([]);
});

test('with --no-adopt the console-made filter is left alone, and no second filter is made beside it', async () => {
  const account = freshAccount();
  await consoleFilter(account, 'errors-by-hand');
  const dir = stackDir({ 'stack.yaml': stackYaml('shop', { awsName: 'errors-by-hand' }) });
  const run = await planStack(optionsFor(account, dir, { adopt: false }));
  expect(changeSummary(run)).toEqual([]);
  expect(run.plan.notices.map((n) => n.message)).toContain(
    `metric filter ${GROUP} → errors-by-hand exists but is not owned by stack "shop"; it is left untouched (adoption is off).`,
  );
  await applyStack(run, optionsFor(account, dir, { adopt: false }));
  expect((await filtersIn(account)).map((f) => f.filterName)).toEqual(['errors-by-hand']);
  expect(await records(account)).toEqual({});
});

test('a filter one stack adopted cannot be claimed by another, nor double counted beside', async () => {
  const account = freshAccount();
  await consoleFilter(account, 'errors-by-hand');
  await reconcile(optionsFor(account, stackDir({ 'stack.yaml': stackYaml('shop', { awsName: 'errors-by-hand' }) })));

  // Another stack declaring the same awsName: told whose it is, and nothing it would do touches it.
  const billing = stackDir({ 'stack.yaml': stackYaml('billing', { awsName: 'errors-by-hand' }) });
  const claim = await planStack(optionsFor(account, billing));
  expect(changeSummary(claim).filter((c) => c.includes('metricFilter'))).toEqual([]);
  expect(claim.plan.notices.map((n) => n.message)).toContain(
    `metric filter ${GROUP} → errors-by-hand is owned by stack "shop"; it is left untouched. Rename it here or remove it from that stack.`,
  );
  await applyStack(claim, optionsFor(account, billing));
  expect(Object.keys(await records(account))).toEqual([`${RECORD_ROOT}/shop/1`]);

  // Another stack's own filter emitting the same metric there would count every line twice: refused.
  const beside = stackDir({ 'stack.yaml': stackYaml('billing', { name: 'errors' }) });
  const double = await planStack(optionsFor(account, beside));
  expect(double.plan.guards.filter((g) => g.refused).map((g) => g.message)).toEqual([
    expect.stringContaining(
      'which metric filter errors-by-hand (owned by stack "shop") already emits: every line both match would be counted twice.',
    ),
  ]);
  expect((await filtersIn(account)).map((f) => f.filterName)).toEqual(['errors-by-hand']);
});

test('an awsName that does not exist yet is created under that name and recorded as the stack’s', async () => {
  const account = freshAccount();
  const dir = stackDir({ 'stack.yaml': stackYaml('shop', { awsName: 'Shop errors' }) });
  const { run } = await reconcile(optionsFor(account, dir, { adopt: false }));
  expect(changeSummary(run)).toEqual([`create logGroup ${GROUP}`, `create metricFilter ${GROUP} → Shop errors`]);
  expect((await filtersIn(account)).map((f) => f.filterName)).toEqual(['Shop errors']);
  expect(await records(account)).toEqual({ [`${RECORD_ROOT}/shop/1`]: `v1 ${filterMark(GROUP, 'Shop errors')}` });
  // Owned from then on, even with adoption off.
  expect(changeSummary(await planStack(optionsFor(account, dir, { adopt: false })))).toEqual([]);
});

test('a renamed stack (formerNames) holds its former name’s adopted filters, and its record moves over', async () => {
  const account = freshAccount();
  await consoleFilter(account, 'errors-by-hand');
  await reconcile(optionsFor(account, stackDir({ 'stack.yaml': stackYaml('shop', { awsName: 'errors-by-hand' }) })));
  const renamed = stackDir({
    'stack.yaml': stackYaml('storefront', { awsName: 'errors-by-hand' }).replace(
      'name: storefront\n',
      'name: storefront\n  formerNames: [shop]\n',
    ),
  });
  const run = await planStack(optionsFor(account, renamed));
  // The log group is re-tagged; the filter keeps its name, so nothing changes on it.
  expect(changeSummary(run)).toEqual([`update logGroup ${GROUP}`]);
  await reconcile(optionsFor(account, renamed));
  expect(await records(account)).toEqual({
    [`${RECORD_ROOT}/storefront/1`]: `v1 ${filterMark(GROUP, 'errors-by-hand')}`,
  });
  expect((await filtersIn(account)).map((f) => f.filterName)).toEqual(['errors-by-hand']);
  expect(changeSummary(await planStack(optionsFor(account, renamed)))).toEqual([]);
});

test('ownership of many adopted filters is read in one paged listing (no call per filter), every stack’s record included', async () => {
  const account = freshAccount();
  const { logs } = rawClients(account);
  await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  const names = Array.from({ length: 30 }, (_, i) => `by-hand-${String(i).padStart(2, '0')}`);
  for (const [i, name] of names.entries())
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: GROUP,
        filterName: name,
        filterPattern: 'ERROR',
        metricTransformations: [{ metricNamespace: 'Shop', metricName: `E${i}`, metricValue: '1' }],
      }),
    );
  // 25 other stacks' records, the last page's claiming the first filter: 3 pages of 10.
  const ssm = new SSMClient({ region: account.region, endpoint: account.endpoint, credentials: account.credentials });
  for (let i = 0; i < 25; i++)
    await ssm.send(
      new PutParameterCommand({
        Name: `${RECORD_ROOT}/z-other-${String(i).padStart(2, '0')}/1`,
        Value: i === 24 ? `v1 ${filterMark(GROUP, names[0] ?? '')}` : `v1 ${filterMark('/elsewhere', `f${i}`)}`,
        Type: 'String',
      }),
    );
  const entries = names.map(
    (n, i) =>
      `  - name: f${i}\n    awsName: ${n}\n    logGroup: ${GROUP}\n    pattern: ERROR\n    metric: { namespace: Shop, name: E${i} }`,
  );
  const dir = stackDir({ 'stack.yaml': `${stackYaml('shop')}metricFilters:\n${entries.join('\n')}\n` });
  const run = await planStack(optionsFor(account, dir));
  const adopts = changeSummary(run).filter((c) => c.startsWith('adopt metricFilter'));
  expect(adopts).toHaveLength(29);
  expect(run.plan.notices.map((n) => n.message)).toContain(
    `metric filter ${GROUP} → ${names[0]} is owned by stack "z-other-24"; it is left untouched. Rename it here or remove it from that stack.`,
  );
  // Batched: the records cost 3 pages for 25 stacks and 30 filters, not a call per filter.
  expect(run.calls['SSM.GetParametersByPath']).toBe(3);
  expect(run.calls['CloudWatchLogs.DescribeMetricFilters']).toBe(1);
  await reconcile(optionsFor(account, dir));
  expect(Object.keys(await records(account)).filter((n) => n.includes('/shop/'))).toEqual([`${RECORD_ROOT}/shop/1`]);
  expect(changeSummary(await planStack(optionsFor(account, dir)))).toEqual([]);
});
