/**
 * Renaming a stack is a supported move: with stack.formerNames the plan re-tags what the former
 * name owns and renames its metric filters (old one first), so no metric is ever emitted twice.
 * Without it, the plan that would put a second filter beside the old one is refused, naming both.
 */
import {
  CreateLogGroupCommand,
  DescribeMetricFiltersCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { applyStack, planStack } from '../../src/core';
import { renderText } from '../../src/render';
import { MonitorsError } from '../../src/model';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from './stack-dir';

afterAll(removeStackDirs);

const files = (name: string, former = '') =>
  `stack:\n  name: ${name}\n${former}  region: us-east-1\n` +
  'topics:\n  - name: shop-alerts\n' +
  'logGroups:\n  - name: /shop/app\n' +
  "monitors:\n  - name: shop-errors\n    logGroup: /shop/app\n    pattern: ERROR\n    metric: Shop/Errors\n    alarm: '>= 2 in 1m'\n    notify: shop-alerts\n";

async function filterNames(account: TestAccount): Promise<string[]> {
  const out = await rawClients(account).logs.send(new DescribeMetricFiltersCommand({ logGroupName: '/shop/app' }));
  return (out.metricFilters ?? []).map((f) => f.filterName ?? '').sort();
}

describe('renaming stack shop to storefront', () => {
  test('with formerNames: the plan re-owns and renames, the apply leaves one filter, the next plan is empty', async () => {
    const account = freshAccount();
    const dir = stackDir({ 'stack.yaml': files('shop') });
    await reconcile(optionsFor(account, dir));
    expect(await filterNames(account)).toEqual(['monitors.shop.shop-errors']);

    writeFileSync(path.join(dir, 'stack.yaml'), files('storefront', '  formerNames: [shop]\n'));
    const run = await planStack(optionsFor(account, dir));
    expect(changeSummary(run)).toEqual([
      'replace metricFilter /shop/app → monitors.storefront.shop-errors',
      'update logGroup /shop/app',
      'update metricAlarm shop-errors',
      'update topic shop-alerts',
    ]);
    expect(run.plan.guards).toEqual([]);
    const text = renderText(run.plan, { color: false });
    expect(text).toContain(
      '4 resource(s) owned by the former stack name "shop" (stack.formerNames) are taken over: re-tagged monitors:stack=storefront, and metric filters renamed to monitors.storefront.*',
    );
    expect(text).toContain('~ tags.monitors:stack: "shop" → "storefront"');
    expect(text).toContain(
      'owned by the former stack name "shop" (stack.formerNames): metric filters are owned by name, so it is renamed (deleted, then created under the new name)',
    );

    const result = await applyStack(run, optionsFor(account, dir));
    expect(result.failed + result.skipped).toBe(0);
    expect(await filterNames(account)).toEqual(['monitors.storefront.shop-errors']);
    const alarmTags = await rawClients(account).cloudwatch.send(
      new ListTagsForResourceCommand({
        ResourceARN: `arn:aws:cloudwatch:us-east-1:${account.accountId}:alarm:shop-errors`,
      }),
    );
    expect(alarmTags.Tags).toEqual([{ Key: 'monitors:stack', Value: 'storefront' }]);

    const next = await planStack(optionsFor(account, dir));
    expect(renderText(next.plan, { color: false })).toContain('No changes.');
  });

  test('without formerNames: the second filter beside the old one is refused, naming both, and nothing is written', async () => {
    const account = freshAccount();
    const dir = stackDir({ 'stack.yaml': files('shop') });
    await reconcile(optionsFor(account, dir));

    writeFileSync(path.join(dir, 'stack.yaml'), files('storefront'));
    const run = await planStack(optionsFor(account, dir));
    expect(run.plan.guards.map((g) => [g.name, g.refused])).toEqual([['double-count', true]]);
    const message = run.plan.guards[0]?.message ?? '';
    expect(message).toMatch(/^metric filter monitors\.storefront\.shop-errors \(.*stack\.yaml:\d+:\d+\) /);
    expect(message).toContain(
      'would emit Shop/Errors from log group /shop/app, which metric filter monitors.shop.shop-errors (owned by stack "shop") already emits: every line both match would be counted twice. If this stack was renamed from "shop", add "formerNames: [shop]" under stack:',
    );
    const refused = applyStack(run, optionsFor(account, dir));
    await expect(refused).rejects.toBeInstanceOf(MonitorsError);
    await expect(refused).rejects.toMatchObject({ code: 'GUARD_REFUSED' });
    expect(await filterNames(account)).toEqual(['monitors.shop.shop-errors']);
  });
});

test('a console-made filter emitting the same metric from the same log group refuses the plan', async () => {
  const account = freshAccount();
  const dir = stackDir({ 'stack.yaml': files('shop') });
  await rawClients(account).logs.send(new CreateLogGroupCommand({ logGroupName: '/shop/app' }));
  await rawClients(account).logs.send(
    new PutMetricFilterCommand({
      logGroupName: '/shop/app',
      filterName: 'errors-by-hand',
      filterPattern: 'Exception',
      metricTransformations: [{ metricNamespace: 'Shop', metricName: 'Errors', metricValue: '1' }],
    }),
  );
  const run = await planStack(optionsFor(account, dir));
  expect(run.plan.guards.map((g) => [g.name, g.refused])).toEqual([['double-count', true]]);
  expect(run.plan.guards[0]?.message).toContain(
    'which metric filter errors-by-hand (not managed by any stack) already emits: every line both match would be counted twice. To manage that filter instead, add awsName: "errors-by-hand" to this entry: it is adopted in place, under its own name. Otherwise delete one of the two, or emit another metric name.',
  );
});
