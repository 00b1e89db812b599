/**
 * Import of Contributor Insights rules: build(unbuild(spec)) == spec for any rule the syntax allows
 * (JSON and CLF, Fields, ValueOf with Sum, every filter operator, wildcard log groups, disabled rules,
 * tags), and the rules import cannot write are named with their reason.
 */
import fc from 'fast-check';
import { OWNER_TAG } from '../../src/model';
import { canonicalDefinition, normalizeDefinition } from '../../src/kinds/insight-rule/definition';
import { HANDLERS } from '../../src/kinds';
import type { InsightRuleSpec } from '../../src/kinds/insight-rule/spec';
import type { MetricAlarmSpec } from '../../src/kinds/specs';
import { UNBUILDS } from '../../src/kinds/unbuilds';
import { byKey, STACK, writtenAndRead } from '../import/round-trip-helpers';

const owner = { [OWNER_TAG]: STACK };
const tags = fc
  .dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9_.-]{0,10}$/), fc.stringMatching(/^[ -~]{0,12}$/), { maxKeys: 2 })
  .filter((t) => !Object.values(t).some((v) => v.includes('${')))
  .map((t) => ({ ...t, ...owner }));

const jsonField = fc.stringMatching(/^\$\.[a-z][a-zA-Z0-9_]{0,6}(\.[a-z]{1,4}|\[[0-9]\])?$/);
const operator = fc.oneof(
  fc.record({
    op: fc.constantFrom('In', 'NotIn', 'StartsWith'),
    value: fc.array(fc.stringMatching(/^[ -~]{0,8}$/), { minLength: 1, maxLength: 10 }),
  }),
  fc.record({
    op: fc.constantFrom('GreaterThan', 'LessThan', 'EqualTo', 'NotEqualTo'),
    value: fc.integer({ min: -1000, max: 100000 }),
  }),
  fc.record({ op: fc.constant('IsPresent'), value: fc.boolean() }),
);

/** A rule in AWS's syntax, of either log format. */
const rule = fc
  .record({
    clf: fc.boolean(),
    names: fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Za-z]{0,8}$/), { minLength: 1, maxLength: 3 }),
    jsonKeys: fc.uniqueArray(jsonField, { minLength: 1, maxLength: 4 }),
    sum: fc.boolean(),
    filters: fc.array(operator, { maxLength: 4 }),
    groups: fc.uniqueArray(fc.stringMatching(/^\/[a-z]{1,8}(\*)?$/), { minLength: 1, maxLength: 3 }),
  })
  .map((r) => {
    const fields = r.clf ? Object.fromEntries(r.names.map((n, i) => [String(i + 3), n])) : undefined;
    const field = (i: number) =>
      r.clf ? (r.names[i % r.names.length] as string) : (r.jsonKeys[i % r.jsonKeys.length] as string);
    const keys = r.clf ? [...r.names.slice(0, 2), '1'] : r.jsonKeys;
    return {
      LogGroupNames: r.groups,
      LogFormat: r.clf ? 'CLF' : 'JSON',
      ...(fields ? { Fields: fields } : {}),
      Contribution: {
        Keys: keys,
        ...(r.sum ? { ValueOf: field(1) } : {}),
        ...(r.filters.length > 0 ? { Filters: r.filters.map((f, i) => ({ Match: field(i), [f.op]: f.value })) } : {}),
      },
      AggregateOn: r.sum ? 'Sum' : 'Count',
    };
  });

const insightRule: fc.Arbitrary<InsightRuleSpec> = fc
  .record({
    name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ._-]{0,20}[A-Za-z0-9]$/),
    enabled: fc.boolean(),
    onTransformedLogs: fc.boolean(),
    rule,
    tags,
  })
  .map((r) => ({
    kind: 'insightRule',
    name: r.name,
    enabled: r.enabled,
    definition: canonicalDefinition(r.rule),
    onTransformedLogs: r.onTransformedLogs,
    tags: r.tags,
  }));

test('build(unbuild(spec)) == spec for Contributor Insights rules', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(insightRule, { minLength: 1, maxLength: 3, selector: (r) => r.name }),
      async (rules) => {
        const { layout, built } = await writtenAndRead(rules);
        expect(layout.leftOut).toEqual([]);
        expect(built).toEqual(byKey(rules));
      },
    ),
    { numRuns: 40 },
  );
});

test('a rule import cannot write says why', () => {
  const ctx = { stack: STACK } as never;
  const spec = (definition: string): InsightRuleSpec => ({
    kind: 'insightRule',
    name: 'r',
    enabled: true,
    onTransformedLogs: false,
    definition,
    tags: owner,
  });
  expect(UNBUILDS.insightRule.unbuild(spec('not json'), ctx)).toEqual({
    unsupported: 'its definition is not a JSON object',
  });
  expect(
    UNBUILDS.insightRule.unbuild(
      spec(
        JSON.stringify({
          LogGroupARNs: ['arn:aws:logs:us-east-1:*:log-group:/a'],
          LogFormat: 'JSON',
          Contribution: { Keys: ['$.a'] },
          AggregateOn: 'Count',
        }),
      ),
      ctx,
    ),
  ).toEqual({ unsupported: 'its rule uses LogGroupARNs, which contributorInsights: does not take' });
  expect(
    UNBUILDS.insightRule.unbuild(
      spec(
        JSON.stringify({
          LogGroupNames: ['/a'],
          LogFormat: 'JSON',
          Contribution: { Keys: ['ip'] },
          AggregateOn: 'Count',
        }),
      ),
      ctx,
    ),
  ).toEqual({ unsupported: 'its rule is not one this tool can check (key "ip" is not a JSON log field: write $.ip)' });
});

test('an alarm on INSIGHT_RULE_METRIC is imported with its rule, and left out, saying why, without it', async () => {
  const rule: InsightRuleSpec = {
    kind: 'insightRule',
    name: 'top-ips',
    enabled: true,
    onTransformedLogs: false,
    definition: canonicalDefinition({
      LogGroupNames: ['/shop/api'],
      LogFormat: 'JSON',
      Contribution: { Keys: ['$.ip'] },
      AggregateOn: 'Count',
    }),
    tags: owner,
  };
  const alarm: MetricAlarmSpec = {
    kind: 'metricAlarm',
    name: 'one-ip',
    actionsEnabled: true,
    alarmActions: [],
    okActions: [],
    insufficientDataActions: [],
    metrics: [
      { id: 'top', expression: "INSIGHT_RULE_METRIC('top-ips', 'MaxContributorValue')", returnData: true, period: 300 },
    ],
    threshold: 100,
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'missing',
    tags: owner,
  };
  const both = await writtenAndRead([rule, alarm]);
  expect(both.layout.leftOut).toEqual([]);
  expect(both.built).toEqual(byKey([rule, alarm]));

  const alone = await writtenAndRead([alarm]);
  expect(alone.layout.leftOut).toEqual([
    {
      resource: 'metric alarm one-ip',
      reason: 'it reads the Contributor Insights rule top-ips (INSIGHT_RULE_METRIC), which is not imported with it',
    },
  ]);
});

/** The object with its keys in reverse order, at every depth: as another tool might send it. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    );
  return value;
}

test('a definition AWS answers in another key order or spacing plans as no change', () => {
  fc.assert(
    fc.property(rule, fc.constantFrom(0, 2, 4, '\t'), (r, indent) => {
      const desired: InsightRuleSpec = {
        kind: 'insightRule',
        name: 'r',
        enabled: true,
        onTransformedLogs: false,
        definition: canonicalDefinition(r),
        tags: owner,
      };
      const answered = JSON.stringify(
        reversed({ Schema: { Name: 'CloudWatchLogRule', Version: 1 }, ...r }),
        null,
        indent,
      );
      const live: InsightRuleSpec = { ...desired, definition: normalizeDefinition(answered) };
      expect(HANDLERS.insightRule.diff(live, desired)).toEqual([]);
    }),
    { numRuns: 100 },
  );
});
