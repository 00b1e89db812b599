/**
 * Logs Insights saved queries (query definitions) through the real pipeline. No emulator has them, so
 * the three calls go to a stateful fake (saved-query-fake.ts) that checks every request and answer
 * against botocore's model; everything else reaches the emulator. Made, re-planned empty, changed in
 * place (same id), renamed (a new one, the old deleted), removed; another stack's and hand-made
 * queries are never touched; paging is followed.
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { planStack } from '../../src/core';
import { freshAccount, type TestAccount } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';
import { startSavedQueryFake, type SavedQueryFake } from './saved-query-fake';

let fake: SavedQueryFake;
let account: TestAccount;
beforeAll(async () => {
  account = freshAccount();
});
afterEach(async () => {
  await fake?.close();
});
afterAll(removeStackDirs);

const QUERY = `fields @timestamp, @message
      | filter @message like /ERROR|FATAL/
      | stats count(*) as errors by bin(5m)
      | sort errors desc
      | limit 20`;

function stackYaml(queries: string): string {
  return `stack:\n  name: shop\n  region: us-east-1\nlogGroups:\n  - name: /shop/app\n  - name: /shop/api\n${queries}`;
}

function saved(name: string, query = QUERY, groups = ['/shop/app']): string {
  return `  - name: ${name}\n    logGroups: [${groups.join(', ')}]\n    query: |\n      ${query}\n`;
}

test('saved queries are made under monitors/<stack>/, re-plan empty, change in place, rename and go', async () => {
  fake = await startSavedQueryFake(account.endpoint);
  fake.queries.set('by-hand', {
    queryDefinitionId: 'by-hand',
    name: 'errors by route',
    queryString: 'fields @message',
    logGroupNames: [],
    queryLanguage: 'CWLI',
    lastModified: 1,
  });
  fake.queries.set('other-stack', {
    queryDefinitionId: 'other-stack',
    name: 'monitors/billing/errors',
    queryString: 'fields @message',
    logGroupNames: [],
    queryLanguage: 'CWLI',
    lastModified: 1,
  });
  const dir = stackDir({
    'stack.yaml': stackYaml(
      `savedQueries:\n${saved('errors/by-minute')}${saved('slow', 'fields @duration | sort @duration desc', ['/shop/api', '/shop/app'])}`,
    ),
  });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });

  const first = await reconcile(options);
  expect(changeSummary(first.run)).toEqual([
    'create logGroup /shop/api',
    'create logGroup /shop/app',
    'create queryDefinition monitors/shop/errors/by-minute',
    'create queryDefinition monitors/shop/slow',
  ]);
  const mine = () =>
    [...fake.queries.values()]
      .filter((q) => q.name.startsWith('monitors/shop/'))
      .sort((a, b) => a.name.localeCompare(b.name));
  expect(mine().map((q) => [q.name, q.logGroupNames, q.queryLanguage])).toEqual([
    ['monitors/shop/errors/by-minute', ['/shop/app'], 'CWLI'],
    ['monitors/shop/slow', ['/shop/api', '/shop/app'], 'CWLI'],
  ]);
  // The block's own newline is not part of the query.
  expect(mine()[0]?.queryString.endsWith('limit 20')).toBe(true);
  expect(changeSummary(await planStack(options))).toEqual([]);

  // A new query text and log groups: the same query, updated (its id kept).
  const id = mine()[0]?.queryDefinitionId;
  writeFileSync(
    path.join(dir, 'stack.yaml'),
    stackYaml(
      `savedQueries:\n${saved('errors/by-minute', 'fields @message | limit 5', ['/shop/api'])}${saved('slow', 'fields @duration | sort @duration desc', ['/shop/api', '/shop/app'])}`,
    ),
  );
  const changed = await reconcile(options);
  expect(changeSummary(changed.run)).toEqual(['update queryDefinition monitors/shop/errors/by-minute']);
  expect(mine()[0]).toMatchObject({
    queryDefinitionId: id,
    queryString: 'fields @message | limit 5',
    logGroupNames: ['/shop/api'],
  });

  // Moved into another folder (a new query, the old one deleted) and the second removed from the files.
  writeFileSync(
    path.join(dir, 'stack.yaml'),
    stackYaml(`savedQueries:\n${saved('ops/errors', 'fields @message | limit 5', ['/shop/api'])}`),
  );
  const renamed = await reconcile({ ...options, allowMassDelete: true });
  // Two gone and one new: no single pair to read as a rename, so a create and two deletes.
  expect(changeSummary(renamed.run)).toEqual([
    'create queryDefinition monitors/shop/ops/errors',
    'delete queryDefinition monitors/shop/errors/by-minute',
    'delete queryDefinition monitors/shop/slow',
  ]);
  expect(mine().map((q) => q.name)).toEqual(['monitors/shop/ops/errors']);
  expect(changeSummary(await planStack(options))).toEqual([]);

  // Other stacks' and hand-made queries were never touched, and no request or answer broke the model.
  expect(fake.queries.get('by-hand')?.name).toBe('errors by route');
  expect(fake.queries.get('other-stack')?.name).toBe('monitors/billing/errors');
  expect(fake.violations).toEqual([]);
  expect(new Set(fake.calls)).toEqual(
    new Set(['PutQueryDefinition', 'DescribeQueryDefinitions', 'DeleteQueryDefinition']),
  );
}, 60_000);

test('the reader follows nextToken: with pages of 2, all five queries are seen and re-plan is empty', async () => {
  fake = await startSavedQueryFake(account.endpoint, 2);
  const queries = ['a', 'b', 'c', 'd', 'e'].map((n) => saved(`q/${n}`, 'fields @message')).join('');
  const dir = stackDir({ 'stack.yaml': stackYaml(`savedQueries:\n${queries}`) });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });
  await reconcile(options);
  expect(changeSummary(await planStack(options))).toEqual([]);
  expect(fake.calls.filter((c) => c === 'DescribeQueryDefinitions').length).toBeGreaterThanOrEqual(3);
  expect(fake.violations).toEqual([]);
}, 60_000);
