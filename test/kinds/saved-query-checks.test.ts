/**
 * The offline checks of a saved query: the Logs Insights syntax checker (syntax.ts) on the queries of
 * AWS's examples and on each mistake it knows, and the model check the fake applies (logs-model.ts),
 * shown to refuse what AWS's model refuses.
 */
import { checkQuery } from '../../src/kinds/query-definition/syntax';
import { modelViolations } from './logs-model';

test.each([
  'fields @timestamp, @message | sort @timestamp desc | limit 25',
  'filter @message like /Exception/ | stats count(*) as exceptionCount by bin(1h) | sort exceptionCount desc',
  'parse @message "user=*, action=*" as user, action | stats count(*) by user, action',
  'fields @message | filter @message like /ERROR|WARN/ # a pipe in a regex and a comment | is fine',
  'stats avg(@duration), max(@duration) by bin(5m)',
  'fields @timestamp, @message\n| filter level = "error"\n| dedup requestId\n| display @timestamp, @message',
  'pattern @message',
  'stats sum(bytes)/60 as perSecond by host',
])('accepts %j', (query) => {
  expect(checkQuery(query)).toBeUndefined();
});

test.each([
  ['', 'the query is empty', 0],
  ['   \n  ', 'the query is empty', 0],
  ['fields a | fitler b', '"fitler" is not a Logs Insights command; did you mean "filter"?', 11],
  ['fields a |', 'a | with no command after it', 9],
  ['fields a || limit 5', 'a | with no command after it', 9],
  ['filter x = "abc', 'this " never closes', 11],
  ['filter @message like /abc', 'this regex never ends (no closing /)', 21],
  ['fields a | limit 0', 'limit takes a whole number of rows from 1 to 10000, not "0"', 11],
  ['fields a | limit lots', 'limit takes a whole number of rows from 1 to 10000, not "lots"', 11],
  ['fields a | sort', 'sort takes fields, each optionally followed by asc or desc', 11],
  ['stats', 'stats needs something after it', 0],
  ['@message like /x/', 'a command starts each part of the query, not "@message like /x/"', 0],
  ['x'.repeat(10_001), 'the query has 10001 characters; AWS allows at most 10000', 10_000],
])('refuses %j: %s at %d', (query, message, offset) => {
  const problem = checkQuery(query);
  expect(problem?.message.startsWith(message)).toBe(true);
  expect(problem?.offset).toBe(offset);
});

test('the model check refuses what botocore refuses, and passes a good request', () => {
  expect(
    modelViolations('PutQueryDefinition', 'input', {
      name: 'monitors/shop/a',
      queryString: 'fields @message',
      logGroupNames: ['/shop/app'],
      queryLanguage: 'CWLI',
    }),
  ).toEqual([]);
  expect(
    modelViolations('PutQueryDefinition', 'input', { name: '', logGroupNames: ['bad name!'], queryLanguage: 'KQL' }),
  ).toEqual([
    'PutQueryDefinition.input.queryString: required',
    'PutQueryDefinition.input.name: length 0 < min 1',
    'PutQueryDefinition.input.logGroupNames[0]: "bad name!" does not match [\\.\\-_/#A-Za-z0-9]+',
    'PutQueryDefinition.input.queryLanguage: "KQL" not in CWLI|SQL|PPL',
  ]);
  expect(modelViolations('DescribeQueryDefinitions', 'input', { maxResults: 5000 })).toEqual([
    'DescribeQueryDefinitions.input.maxResults: value 5000 > max 1000',
  ]);
  expect(modelViolations('DeleteQueryDefinition', 'input', { id: 'x' })).toEqual([
    'DeleteQueryDefinition.input.queryDefinitionId: required',
    'DeleteQueryDefinition.input.id: not a member of DeleteQueryDefinitionRequest',
  ]);
});
