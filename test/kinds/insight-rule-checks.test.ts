/**
 * Every mistake in a Contributor Insights rule, and in an alarm that reads one, reported at its file,
 * line and column with nothing sent to AWS (a counting endpoint must see no request).
 */
import schema from '../../schema/monitors.schema.json';
import fragment from '../../src/kinds/insight-rule/schema.json';
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { refusedPlan } from '../harness/refused-plan';
import { removeStackDirs } from '../integration/stack-dir';

let aws: CountingEndpoint;
beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  removeStackDirs();
  await aws.close();
});

const STACK = 'stack:\n  name: shop\n  region: eu-west-1\n';

/** A rule file whose rule is `rule` (indented under `rule:`), with more after it. */
const ruleFile = (rule: string, more = '') =>
  `contributorInsights:\n  - name: top-ips\n    rule:\n${rule
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => `      ${l}`)
    .join('\n')}\n${more}`;

const JSON_RULE = (contribution: string, aggregate = 'Count', extra = '') =>
  `LogGroupNames: [/shop/app]\nLogFormat: JSON\n${extra}Contribution:\n${contribution}\nAggregateOn: ${aggregate}\n`;

const ALARM = (expression: string) =>
  `alarms:\n  - name: one-ip\n    metrics:\n      - id: top\n        expression: ${expression}\n        period: 5m\n    threshold: "> 100"\n`;

interface Case {
  readonly name: string;
  readonly file: string;
  readonly expected: readonly string[];
}

const CASES: readonly Case[] = [
  {
    name: 'a JSON key written without $.',
    file: ruleFile(JSON_RULE('  Keys: [$.ip, route]')),
    expected: [
      'a.yaml:7:22: error BAD_INSIGHT_RULE: Contributor Insights rule: key "route" is not a JSON log field: write $.route',
    ],
  },
  {
    name: 'a CLF key that is neither a position nor a Fields name',
    file: ruleFile(
      'LogGroupNames: [/shop/app]\nLogFormat: CLF\nFields: { "4": IpAddress }\nContribution:\n  Keys: [IpAdress]\nAggregateOn: Count',
    ),
    expected: [
      'a.yaml:8:16: error BAD_INSIGHT_RULE: Contributor Insights rule: key "IpAdress" is neither a CLF field position (1, 2, …) nor a name given under Fields; did you mean "IpAddress"?',
    ],
  },
  {
    name: 'Fields on a JSON rule',
    file: ruleFile(JSON_RULE('  Keys: [$.ip]', 'Count', 'Fields: { "4": IpAddress }\n')),
    expected: [
      'a.yaml:6:15: error BAD_INSIGHT_RULE: Contributor Insights rule: Fields names the positions of CLF log fields; with LogFormat: JSON leave it out',
    ],
  },
  {
    name: 'ValueOf with AggregateOn: Count',
    file: ruleFile(JSON_RULE('  Keys: [$.ip]\n  ValueOf: $.bytes')),
    expected: [
      'a.yaml:8:18: error BAD_INSIGHT_RULE: Contributor Insights rule: ValueOf is summed per contributor only with AggregateOn: Sum; with Count, leave ValueOf out',
    ],
  },
  {
    name: 'AggregateOn: Sum without ValueOf',
    file: ruleFile(JSON_RULE('  Keys: [$.ip]', 'Sum')),
    expected: [
      'a.yaml:8:20: error BAD_INSIGHT_RULE: Contributor Insights rule: AggregateOn: Sum adds up a field: say which with Contribution.ValueOf',
    ],
  },
  {
    name: 'a filter with two operators',
    file: ruleFile(JSON_RULE('  Keys: [$.ip]\n  Filters:\n    - { Match: $.status, EqualTo: 500, In: ["500"] }')),
    expected: [
      'a.yaml:9:13: error BAD_INSIGHT_RULE: Contributor Insights rule: a filter has exactly one operator, not EqualTo and In: make each its own filter (filters are ANDed)',
    ],
  },
  {
    name: 'a filter with no operator',
    file: ruleFile(JSON_RULE('  Keys: [$.ip]\n  Filters:\n    - Match: $.status')),
    expected: [
      'a.yaml:9:13: error BAD_INSIGHT_RULE: Contributor Insights rule: a filter needs one operator besides Match: In, NotIn, StartsWith, GreaterThan, LessThan, EqualTo, NotEqualTo, IsPresent',
    ],
  },
  {
    name: 'a misspelt operator',
    file: ruleFile(JSON_RULE('  Keys: [$.ip]\n  Filters:\n    - Match: $.status\n      Equals: 500')),
    expected: [
      'a.yaml:10:13: error SCHEMA: unknown key "Equals" in contributorInsights.0.rule.Contribution.Filters.0 (allowed: Match, In, NotIn, StartsWith, GreaterThan, LessThan, EqualTo, NotEqualTo, IsPresent)',
    ],
  },
  {
    name: 'five keys',
    file: ruleFile(JSON_RULE('  Keys: [$.a, $.b, $.c, $.d, $.e]')),
    expected: [
      'a.yaml:7:15: error SCHEMA: contributorInsights.0.rule.Contribution.Keys: "[\\"$.a\\",\\"$.b\\",\\"$.c\\",\\"$.d\\",\\"$.e\\"]" must NOT have more than 4 items',
    ],
  },
  {
    name: 'a log format AWS does not have',
    file: ruleFile('LogGroupNames: [/shop/app]\nLogFormat: XML\nContribution:\n  Keys: [$.ip]\nAggregateOn: Count'),
    expected: [
      'a.yaml:5:18: error SCHEMA: contributorInsights.0.rule.LogFormat: "XML" is not allowed (allowed: JSON, CLF)',
    ],
  },
  {
    name: 'no AggregateOn',
    file: ruleFile('LogGroupNames: [/shop/app]\nLogFormat: JSON\nContribution:\n  Keys: [$.ip]'),
    expected: ['a.yaml:4:7: error SCHEMA: contributorInsights.0.rule is missing the required key "AggregateOn"'],
  },
  {
    name: 'a Schema that is not the rule syntax’s',
    file: ruleFile(JSON_RULE('  Keys: [$.ip]', 'Count', 'Schema: { Name: CloudWatchLogRule, Version: 2 }\n')),
    expected: [
      'a.yaml:6:51: error SCHEMA: contributorInsights.0.rule.Schema.Version: "2" is not allowed; did you mean "1"? (allowed: 1)',
    ],
  },
  {
    name: 'a rule over AWS’s 8,192 characters',
    file: ruleFile(
      `LogGroupNames:\n${Array.from({ length: 90 }, (_, i) => `  - /shop/${String(i).padStart(3, '0')}/${'x'.repeat(90)}`).join('\n')}\nLogFormat: JSON\nContribution:\n  Keys: [$.ip]\nAggregateOn: Count`,
    ),
    expected: [
      'a.yaml:4:7: error LIMIT_EXCEEDED: Contributor Insights rule: the rule is 9413 characters as JSON; AWS allows at most 8192',
    ],
  },
  {
    name: 'an alarm reading a rule no file declares',
    file: ruleFile(JSON_RULE('  Keys: [$.ip]'), ALARM(`INSIGHT_RULE_METRIC('top-ip', 'MaxContributorValue')`)),
    expected: [
      'a.yaml:13:42: error DANGLING_REFERENCE: Contributor Insights rule "top-ip" is not declared in any file; did you mean "top-ips"? (INSIGHT_RULE_METRIC reads a rule of these files: declare it under contributorInsights:)',
    ],
  },
  {
    name: 'an alarm reading a metric INSIGHT_RULE_METRIC does not give',
    file: ruleFile(JSON_RULE('  Keys: [$.ip]'), ALARM(`INSIGHT_RULE_METRIC("top-ips", UniqueContributor)`)),
    expected: [
      'a.yaml:13:52: error BAD_INSIGHT_RULE: INSIGHT_RULE_METRIC gives UniqueContributors, MaxContributorValue, SampleCount, Sum, Minimum, Maximum, Average; not "UniqueContributor"; did you mean "UniqueContributors"?',
    ],
  },
  {
    name: 'a rule’s name from ${env:}',
    file: 'contributorInsights:\n  - name: ${env:RULE}\n    rule: { LogGroupNames: [/a], LogFormat: JSON, Contribution: { Keys: [$.ip] }, AggregateOn: Count }\n',
    expected: [
      'a.yaml:2:11: error SCHEMA: contributorInsights.0.name cannot come from ${env:}: names, ARNs, namespaces, dimensions and patterns are shown in plans, ARNs, notes and comments, so they are never secret. ${env:} is for descriptions, tag values, subscription endpoints (email, email-json, sms, http, https) and chat webhooks; write this value in the file',
    ],
  },
  {
    name: 'two rules of one name',
    file: ruleFile(
      JSON_RULE('  Keys: [$.ip]'),
      '  - name: top-ips\n    rule: { LogGroupNames: [/a], LogFormat: JSON, Contribution: { Keys: [$.ip] }, AggregateOn: Count }\n',
    ),
    expected: [
      'a.yaml:9:5: error DUPLICATE_NAME: Contributor Insights rule top-ips is declared twice; first at a.yaml:2:5',
    ],
  },
];

describe.each(CASES)('$name', (c) => {
  test('is refused at its place, before any AWS call', async () => {
    expect(await refusedPlan(aws, { 'stack.yaml': STACK, 'a.yaml': c.file })).toEqual(c.expected);
  });
});

test('the kind’s schema fragment is the contributorInsights section of the assembled schema', () => {
  expect(schema.properties.contributorInsights).toEqual(fragment.contributorInsights);
});
