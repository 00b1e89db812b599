/**
 * The offline Metrics Insights checker (kinds/metric-alarm/metrics-insights/syntax.ts): the queries of
 * AWS's documentation are accepted, and each mistake it knows is refused at the character it is at.
 */
import { isInsightsProblem, parseInsightsQuery } from '../../src/kinds/metric-alarm/metrics-insights/syntax';

test.each([
  'SELECT AVG(CPUUtilization) FROM "AWS/EC2"',
  'SELECT AVG(CPUUtilization) FROM SCHEMA("AWS/EC2")',
  'SELECT AVG(CPUUtilization) FROM SCHEMA("AWS/EC2", InstanceId)',
  'SELECT MAX(mem_used_percent) FROM "CWAgent" GROUP BY InstanceId ORDER BY MAX() DESC',
  'SELECT SUM(Errors) FROM SCHEMA("AWS/Lambda", FunctionName) WHERE FunctionName != \'canary\' GROUP BY FunctionName ORDER BY SUM() DESC LIMIT 10',
  "select avg(CPUUtilization) from \"AWS/EC2\" where InstanceType = 'c3.4xlarge' and (AutoScalingGroupName = 'a' or AutoScalingGroupName = 'b')",
  "SELECT COUNT(Invocations) FROM MyApp WHERE Stage IN ('prod', 'beta') AND Name NOT LIKE 'test%'",
  'SELECT MIN(Latency)\nFROM SCHEMA("My App", Service, "Host Name")\nGROUP BY Service, "Host Name"\nORDER BY MIN() ASC\nLIMIT 500',
  'SELECT AVG("it\'s \\"quoted\\"") FROM "A/B" WHERE tag.team = \'payments\'',
])('accepts %j', (query) => {
  const parsed = parseInsightsQuery(query);
  expect(isInsightsProblem(parsed) ? parsed.message : 'ok').toBe('ok');
});

test('it reads the parts of a query', () => {
  expect(
    parseInsightsQuery(
      'SELECT max(CPUUtilization) FROM SCHEMA("AWS/EC2", InstanceId) GROUP BY InstanceId ORDER BY MAX() DESC LIMIT 5',
    ),
  ).toEqual({
    fn: 'MAX',
    metricName: 'CPUUtilization',
    namespace: 'AWS/EC2',
    schemaKeys: ['InstanceId'],
    groupBy: ['InstanceId'],
    orderBy: { fn: 'MAX', direction: 'DESC' },
    limit: 5,
  });
});

const Q = 'SELECT AVG(CPUUtilization) FROM "AWS/EC2"';

test.each([
  ['', 'the query is empty', 0],
  ['AVG(CPUUtilization) FROM "AWS/EC2"', 'expected SELECT at the start of a Metrics Insights query, found "AVG"', 0],
  [
    'SELEC AVG(x) FROM "A"',
    'expected SELECT at the start of a Metrics Insights query, found "SELEC"; did you mean "SELECT"?',
    0,
  ],
  [
    'SELECT AVERAGE(CPUUtilization) FROM "AWS/EC2"',
    '"AVERAGE" is not a Metrics Insights function; did you mean "AVG"?',
    7,
  ],
  ['SELECT AVGG(CPUUtilization) FROM "AWS/EC2"', '"AVGG" is not a Metrics Insights function; did you mean "AVG"?', 7],
  ['SELECT p99(Latency) FROM "AWS/EC2"', '"p99" is not a Metrics Insights function', 7],
  ['SELECT AVG(CPUUtilization) "AWS/EC2"', 'expected FROM after SELECT …(…), found a quoted name', 27],
  [
    'SELECT AVG(CPUUtilization) FORM "AWS/EC2"',
    'expected FROM after SELECT …(…), found "FORM"; did you mean "FROM"?',
    27,
  ],
  ['SELECT AVG(CPUUtilization)', 'the query ends where FROM after SELECT …(…) should be', 26],
  ['SELECT AVG(CPUUtilization) FROM AWS/EC2', 'a name with / (such as AWS/EC2) must be in double quotes', 32],
  ['SELECT AVG(CPUUtilization) FROM "AWS/EC2', 'this " never closes', 32],
  [`${Q} WHERE InstanceId = 'i-123`, "this ' never closes", 61],
  [`${Q} WHERE InstanceId = i-123`, "a label value is written in single quotes: 'i-123'", 61],
  [`${Q} WHERE InstanceId > '3'`, 'Metrics Insights compares a label with = or != (and IN, LIKE), not < or >', 59],
  [`${Q} WHERE (InstanceId = '3'`, 'expected ")" to close the ( of this condition, found the end of the query', 65],
  [`${Q} GRUOP BY InstanceId`, 'expected WHERE, GROUP BY, ORDER BY or LIMIT, found "GRUOP"; did you mean "GROUP"?', 42],
  [`${Q} GROUP InstanceId`, 'expected BY after GROUP, found "InstanceId"', 48],
  [
    `${Q} ORDER BY AVG(CPUUtilization)`,
    'expected ")" after AVG(: ORDER BY takes AVG() with nothing inside, found "CPUUtilization"',
    55,
  ],
  [`${Q} ORDER BY MEAN() DESC`, '"MEAN" is not a Metrics Insights function', 51],
  [
    `${Q} LIMIT 501`,
    'LIMIT takes a whole number of time series from 1 to 500 (a query returns at most 500), not "501"',
    48,
  ],
  [`${Q} LIMIT 0`, 'LIMIT takes a whole number of time series from 1 to 500', 48],
  [`${Q} LIMIT ten`, 'LIMIT takes a whole number of time series from 1 to 500', 48],
  [`${Q} LIMIT 5 ORDER BY AVG()`, 'ORDER comes before LIMIT: the order is WHERE, GROUP BY, ORDER BY, LIMIT', 50],
  [`${Q} WHERE a = 'b' WHERE c = 'd'`, 'WHERE comes once in a query', 56],
  [`${Q} SELECT SUM(x)`, 'a Metrics Insights query has one SELECT', 42],
  ['SELECT AVG(CPUUtilization) FROM SCHEMA("AWS/EC2", InstanceId', 'expected ")" to close SCHEMA(', 60],
  ['SELECT AVG(CPUUtilization) FROM SCHEMO("AWS/EC2")', '"SCHEMO" is no keyword; did you mean "SCHEMA"?', 32],
  [
    "SELECT AVG(CPUUtilization) FROM 'AWS/EC2'",
    'a namespace or SCHEMA(…) after FROM is a name: write it in double quotes',
    32,
  ],
  [`${Q};`, '";" has no place in a Metrics Insights query', 41],
  [`SELECT AVG(${'x'.repeat(2040)}) FROM "A"`, 'the query has 2061 characters; AWS allows at most 2048', 2048],
])('refuses %j: %s at %d', (query, message, offset) => {
  const parsed = parseInsightsQuery(query);
  expect(isInsightsProblem(parsed) ? parsed.message : 'accepted').toContain(message);
  expect(isInsightsProblem(parsed) ? parsed.offset : -1).toBe(offset);
});
