/**
 * Every kind of mistake a person can make in monitors files, each with the exact place and message
 * the tool reports, and proof that nothing reached AWS: the run is pointed at a loopback server that
 * counts requests, and must throw before the first one.
 */
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import schema from '../../schema/monitors.schema.json';
import { planStack } from '../../src/core';
import { ConfigError, formatDiagnostic, type Diagnostic } from '../../src/model';

const STACK = `stack:
  name: shop
  region: eu-west-1
topics:
  - name: shop-alerts
logGroups:
  - name: /shop/app
`;

interface Case {
  readonly name: string;
  /** Files relative to the monitors directory; stack.yaml above is added unless given. */
  readonly files: Readonly<Record<string, string>>;
  /** `file:line:column: error CODE: message` for the first error; file is relative to the directory. */
  readonly expected: string;
  readonly env?: Readonly<Record<string, string>>;
  /** --region for the run. */
  readonly region?: string;
}

const UNCLOSED_LIST =
  'invalid YAML: the [ opened here is never closed: end the list with ] (continuation lines must be indented more than the key)';

// The schema's own description, which the message quotes.
const REGION_HELP = (schema as { properties: { stack: { properties: { region: { description: string } } } } })
  .properties.stack.properties.region.description;

const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('');

const CASES: readonly Case[] = [
  // --- YAML syntax ---
  {
    name: 'unclosed flow sequence, reported where the [ opens',
    files: { 'a.yaml': 'alarms:\n  - name: x\n    notify: [shop-alerts\n' },
    expected: `a.yaml:3:13: error YAML_SYNTAX: ${UNCLOSED_LIST}`,
  },
  {
    name: 'unclosed flow sequence with more items below, reported where the [ opens',
    files: { 'a.yaml': 'alarms:\n  - name: x\n    notify: [shop-alerts\n  - name: y\n    notify: shop-alerts\n' },
    expected: `a.yaml:3:13: error YAML_SYNTAX: ${UNCLOSED_LIST}`,
  },
  {
    name: 'unclosed double quote, reported where the quote opens, not at the end of the file',
    files: {
      'a.yaml':
        'topics:\n  - name: "shop-pages\n    displayName: Pages\nlogGroups:\n  - name: /shop/web\n    retention: 7d\n',
    },
    expected:
      'a.yaml:2:11: error YAML_SYNTAX: invalid YAML: the " quote opened here is never closed: add the closing "',
  },
  {
    name: "unclosed single quote with an escaped '' inside",
    files: { 'a.yaml': "logGroups:\n  - name: '/shop/it''s\n    retention: 7d\n" },
    expected:
      "a.yaml:2:11: error YAML_SYNTAX: invalid YAML: the ' quote opened here is never closed: add the closing '",
  },
  {
    name: 'unclosed flow mapping, reported where the { opens',
    files: {
      'a.yaml':
        'alarms:\n  - name: cpu\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average\n    threshold: ">= 5"\n',
    },
    expected:
      'a.yaml:3:13: error YAML_SYNTAX: invalid YAML: the { opened here is never closed: end the mapping with } (continuation lines must be indented more than the key)',
  },
  {
    name: 'a closed mapping inside an unclosed list: the list is the culprit',
    files: { 'a.yaml': 'alarms:\n  - name: x\n    notify: [ {a: b}, shop-alerts\n' },
    expected: `a.yaml:3:13: error YAML_SYNTAX: ${UNCLOSED_LIST}`,
  },
  {
    name: 'tab used for indentation',
    files: { 'a.yaml': 'logGroups:\n\t- name: /x\n' },
    expected: 'a.yaml:2:1: error YAML_SYNTAX: tabs are not allowed for indentation in YAML: indent with spaces',
  },
  {
    name: 'duplicate key in one mapping',
    files: { 'a.yaml': 'logGroups:\n  - name: /a\n    retention: 7d\n    retention: 30d\n' },
    expected: 'a.yaml:4:5: error YAML_SYNTAX: Map keys must be unique: each key may appear once in a mapping',
  },
  {
    name: 'bad indentation of a list item key',
    files: { 'a.yaml': 'logGroups:\n  - name: /a\n   retention: 7d\n' },
    expected: 'a.yaml:3:1: error YAML_SYNTAX: invalid YAML: Sequence item without - indicator',
  },
  // --- wrong types ---
  {
    name: 'evaluationPeriods is a word',
    files: {
      'a.yaml':
        'alarms:\n  - name: cpu\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    threshold: ">= 5"\n    evaluationPeriods: three\n',
    },
    expected: 'a.yaml:5:24: error SCHEMA: alarms.0.evaluationPeriods must be a whole number, got string "three"',
  },
  {
    name: 'logGroups is a mapping instead of a list',
    files: { 'a.yaml': 'logGroups:\n  name: /a\n' },
    expected: 'a.yaml:2:3: error SCHEMA: logGroups must be a list, got a mapping',
  },
  {
    name: 'tag value is a list',
    files: { 'a.yaml': 'logGroups:\n  - name: /a\n    tags:\n      team: [a, b]\n' },
    expected: 'a.yaml:4:13: error SCHEMA: logGroups.0.tags.team must be a string, got a list',
  },
  // --- unknown keys ---
  {
    name: 'unknown top-level key, near a known one',
    files: { 'a.yaml': 'logGroup:\n  - name: /a\n' },
    expected:
      'a.yaml:1:1: error SCHEMA: unknown key "logGroup" in the file; did you mean "logGroups"? (allowed: stack, topics, logGroups, metricFilters, subscriptionFilters, contributorInsights, alarms, monitors, compositeAlarms, slos, dashboards, packs, savedQueries, anomalyDetectors, logAnomalyDetectors, muteRules, dataProtectionPolicies)',
  },
  {
    name: 'misspelt threshold in an alarm',
    files: {
      'a.yaml':
        'alarms:\n  - name: cpu\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    treshold: 5\n',
    },
    expected:
      'a.yaml:4:5: error SCHEMA: unknown key "treshold" in alarms.0; did you mean "threshold"? (allowed: name, metric, metrics, query, period, threshold, comparison, thresholdMetricId, evaluationPeriods, datapointsToAlarm, treatMissingData, evaluateLowSampleCountPercentile, notify, onAlarm, onOk, onInsufficientData, actionsEnabled, description, tags)',
  },
  // --- missing required ---
  {
    name: 'log group without a name',
    files: { 'a.yaml': 'logGroups:\n  - retention: 7d\n' },
    expected: 'a.yaml:2:5: error SCHEMA: logGroups.0 is missing the required key "name"',
  },
  {
    name: 'monitor without a pattern',
    files: {
      'a.yaml':
        'monitors:\n  - name: errs\n    logGroup: /shop/app\n    metric: Shop/Errors\n    alarm: ">= 1 in 1m"\n',
    },
    expected: 'a.yaml:2:5: error SCHEMA: monitors.0 is missing the required key "pattern"',
  },
  {
    name: 'metric without a statistic',
    files: {
      'a.yaml':
        'alarms:\n  - name: cpu\n    metric: { namespace: AWS/EC2, name: CPUUtilization }\n    threshold: ">= 5"\n',
    },
    expected: 'a.yaml:3:13: error SCHEMA: alarms.0.metric is missing the required key "stat" (e.g. Sum, Average, p99)',
  },
  // --- bad values ---
  {
    name: 'retention CloudWatch does not accept',
    files: { 'a.yaml': 'logGroups:\n  - name: /a\n    retention: 31d\n' },
    expected:
      'a.yaml:3:16: error SCHEMA: logGroups.0.retention: "31d" is not allowed; did you mean "30d"? (allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653, 1d, 3d, 5d, 7d, 14d, 30d, 60d, 90d, 120d, 150d, 180d, 365d, 400d, 545d, 731d, 1096d, 1827d, 2192d, 2557d, 2922d, 3288d, 3653d, 1y, never)',
  },
  {
    name: 'threshold in an unreadable form',
    files: {
      'a.yaml':
        'alarms:\n  - name: cpu\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    threshold: ">> 5"\n',
    },
    expected:
      'a.yaml:4:16: error SCHEMA: alarms.0.threshold: ">> 5" is not valid. The threshold, readably: ">= 2", "> 2", "< 2", "<= 2"; or a number together with comparison.',
  },
  {
    name: 'monitor alarm shorthand in prose',
    files: {
      'a.yaml':
        'monitors:\n  - name: errs\n    logGroup: /shop/app\n    pattern: ERROR\n    metric: Shop/Errors\n    alarm: more than 2 a minute\n',
    },
    expected:
      'a.yaml:6:12: error SCHEMA: monitors.0.alarm: "more than 2 a minute" is not valid. When to alarm: "<comparison> <threshold> in <period>", optionally "for M of N" (datapoints of evaluation periods). E.g. ">= 2 in 1m", "> 5 in 5m for 2 of 3".',
  },
  {
    name: 'period CloudWatch does not accept',
    files: {
      'a.yaml':
        'alarms:\n  - name: cpu\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average, period: 45s }\n    threshold: ">= 5"\n',
    },
    expected:
      'a.yaml:3:80: error SCHEMA: period "45s" is 45s; CloudWatch accepts 10, 20, 30, or a multiple of 60 seconds',
  },
  {
    name: 'treatMissingData misspelt',
    files: {
      'a.yaml':
        'alarms:\n  - name: cpu\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    threshold: ">= 5"\n    treatMissingData: notbreaching\n',
    },
    expected:
      'a.yaml:5:23: error SCHEMA: alarms.0.treatMissingData: "notbreaching" is not allowed; did you mean "notBreaching"? (allowed: breaching, notBreaching, ignore, missing)',
  },
  {
    name: 'subscription with two protocols',
    files: {
      'a.yaml':
        'topics:\n  - name: pager\n    subscriptions:\n      - email: a@example.com\n        sms: "+15550100"\n',
    },
    expected:
      'a.yaml:4:9: error SCHEMA: subscription has email and sms; give exactly one protocol or chat per subscription',
  },
  {
    name: 'notify and onAlarm together',
    files: {
      'a.yaml':
        'alarms:\n  - name: cpu\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    threshold: ">= 5"\n    notify: shop-alerts\n    onAlarm: shop-alerts\n',
    },
    expected: 'a.yaml:5:13: error SCHEMA: use either notify or onAlarm, not both (notify is shorthand for onAlarm)',
  },
  {
    name: 'FIFO topic without .fifo suffix',
    files: { 'a.yaml': 'topics:\n  - name: orders\n    fifo: true\n' },
    expected: 'a.yaml:2:11: error SCHEMA: FIFO topic "orders" must have a name ending in .fifo',
  },
  {
    name: 'metric filter with both dimensions and a default value',
    files: {
      'a.yaml':
        "metricFilters:\n  - name: lat\n    logGroup: /shop/app\n    pattern: '{ $.ms > 0 }'\n    metric: { namespace: Shop, name: Ms, value: $.ms, default: 0, dimensions: { Route: $.route } }\n",
    },
    expected:
      'a.yaml:5:64: error SCHEMA: a metric filter with dimensions cannot have a default value (PutMetricFilter rejects it): drop one of them',
  },
  // --- dangling references across files ---
  {
    name: 'alarm notifies a topic no file declares',
    files: {
      'a.yaml':
        'alarms:\n  - name: cpu\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    threshold: ">= 5"\n    notify: shop-alert\n',
    },
    expected:
      'a.yaml:5:13: error DANGLING_REFERENCE: topic "shop-alert" is not declared in any file; did you mean "shop-alerts"? (or give a full ARN)',
  },
  {
    name: 'metric filter on an undeclared log group',
    files: {
      'a.yaml':
        'metricFilters:\n  - name: errs\n    logGroup: /shop/ap\n    pattern: ERROR\n    metric: { namespace: Shop, name: Errors }\n',
    },
    expected:
      'a.yaml:3:15: error DANGLING_REFERENCE: log group "/shop/ap" is not declared in any file; did you mean "/shop/app"?',
  },
  {
    name: 'composite rule names an undeclared alarm',
    files: {
      'a.yaml': 'compositeAlarms:\n  - name: both\n    rule: ALARM("cpu-hgih") AND ALARM(\'cpu-high\')\n',
      'b.yaml':
        'alarms:\n  - name: cpu-high\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    threshold: ">= 5"\n',
    },
    expected:
      'a.yaml:3:11: error DANGLING_REFERENCE: alarm "cpu-hgih" is not declared in any file; did you mean "cpu-high"?',
  },
  // --- duplicates ---
  {
    name: 'same alarm name in two files',
    files: {
      'a.yaml':
        'alarms:\n  - name: cpu\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    threshold: ">= 5"\n',
      'b.yaml':
        'alarms:\n  - name: cpu\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Maximum }\n    threshold: ">= 9"\n',
    },
    expected: 'b.yaml:2:5: error DUPLICATE_NAME: metric alarm cpu is declared twice; first at a.yaml:2:5',
  },
  {
    name: 'composite alarm named like a metric alarm',
    files: {
      'a.yaml':
        'alarms:\n  - name: cpu\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    threshold: ">= 5"\ncompositeAlarms:\n  - name: cpu\n    rule: ALARM("cpu")\n',
    },
    expected: 'a.yaml:6:5: error DUPLICATE_NAME: composite alarm cpu is declared twice; first at a.yaml:2:5',
  },
  {
    name: 'log group declared twice',
    files: { 'z.yaml': 'logGroups:\n  - name: /shop/app\n' },
    expected: 'z.yaml:2:5: error DUPLICATE_NAME: log group /shop/app is declared twice; first at stack.yaml:7:5',
  },
  {
    name: 'stack block in two files',
    files: { 'z.yaml': 'stack:\n  name: other\n  region: eu-west-1\n' },
    expected:
      'z.yaml:2:3: error DUPLICATE_NAME: the stack is declared twice; first at stack.yaml:2:3. Keep one "stack:" block',
  },
  // --- filter patterns ---
  {
    name: 'unbalanced quote in a pattern',
    files: {
      'a.yaml':
        "metricFilters:\n  - name: errs\n    logGroup: /shop/app\n    pattern: '\"ERROR'\n    metric: { namespace: Shop, name: Errors }\n",
    },
    expected:
      'a.yaml:4:15: error BAD_FILTER_PATTERN: filter pattern "\\"ERROR": unclosed double quote (at character 1)',
  },
  {
    name: 'three regex terms',
    files: {
      'a.yaml':
        "metricFilters:\n  - name: errs\n    logGroup: /shop/app\n    pattern: '%a% %b% %c%'\n    metric: { namespace: Shop, name: Errors }\n",
    },
    expected:
      'a.yaml:4:23: error BAD_FILTER_PATTERN: filter pattern "%a% %b% %c%": regex term number 3; AWS allows at most 2 per pattern (at character 9)',
  },
  {
    name: 'JSON pattern without a $ selector',
    files: {
      'a.yaml':
        'metricFilters:\n  - name: errs\n    logGroup: /shop/app\n    pattern: \'{ level = "error" }\'\n    metric: { namespace: Shop, name: Errors }\n',
    },
    expected:
      'a.yaml:4:17: error BAD_FILTER_PATTERN: filter pattern "{ level = \\"error\\" }": each condition must start with a field selector such as $.level, found "level" (at character 3)',
  },
  {
    name: 'pattern longer than 1024 characters',
    files: {
      'a.yaml': `metricFilters:\n  - name: errs\n    logGroup: /shop/app\n    pattern: ${'x'.repeat(1025)}\n    metric: { namespace: Shop, name: Errors }\n`,
    },
    expected: `a.yaml:4:1038: error BAD_FILTER_PATTERN: filter pattern "${'x'.repeat(80)}…": pattern is 1025 characters; AWS allows at most 1024 (at character 1025)`,
  },
  {
    // The column points inside the single-quoted scalar, at NOT.
    name: 'IS NOT NULL in a JSON pattern',
    files: {
      'a.yaml':
        "metricFilters:\n  - name: errs\n    logGroup: /shop/app\n    pattern: '{ $.x IS NOT NULL }'\n    metric: { namespace: Shop, name: Errors }\n",
    },
    expected:
      'a.yaml:4:24: error BAD_FILTER_PATTERN: filter pattern "{ $.x IS NOT NULL }": IS NOT is not supported: write IS TRUE, IS FALSE, IS NULL, or NOT EXISTS (at character 10)',
  },
  {
    // A double-quoted scalar with escapes: the column counts the backslashes before the "!".
    name: 'unsupported character in a regex term',
    files: {
      'a.yaml':
        'monitors:\n  - name: errs\n    logGroup: /shop/app\n    pattern: "\\"ERR\\" %something!%"\n    metric: Shop/Errors\n    alarm: \'>= 2 in 1m\'\n',
    },
    expected:
      'a.yaml:4:33: error BAD_FILTER_PATTERN: filter pattern "\\"ERR\\" %something!%": "!" is not supported in filter pattern regex (AWS allows letters, digits, : _ # = @ / ; , - and ^ $ ? [ ] { } | \\ * + . and a space) (at character 17)',
  },
  {
    // AWS's quota: up to three wildcard selectors in one filter pattern; the column is the fourth selector.
    name: 'four wildcard selectors in a JSON pattern',
    files: {
      'a.yaml':
        "metricFilters:\n  - name: errs\n    logGroup: /shop/app\n    pattern: '{ $.a[*] = 1 || $.b[*] = 1 || $.* = 1 || $.d[*] = 1 }'\n    metric: { namespace: Shop, name: Errors }\n",
    },
    expected:
      'a.yaml:4:56: error BAD_FILTER_PATTERN: filter pattern "{ $.a[*] = 1 || $.b[*] = 1 || $.* = 1 || $.d[*] = 1 }": wildcard selector number 4; AWS allows at most 3 in one filter pattern (at character 42)',
  },
  {
    // AWS's quota: one wildcard selector in a property selector; the column is the second wildcard.
    name: 'two wildcards in one JSON selector',
    files: {
      'a.yaml':
        "metricFilters:\n  - name: errs\n    logGroup: /shop/app\n    pattern: '{ $.*.items[*] = 1 }'\n    metric: { namespace: Shop, name: Errors }\n",
    },
    expected:
      'a.yaml:4:26: error BAD_FILTER_PATTERN: filter pattern "{ $.*.items[*] = 1 }": at most 1 wildcard selector ([*] or .*) in one property selector (AWS\'s quota) (at character 12)',
  },
  {
    // RE2 runs every regex in linear time and refuses what it cannot: a back-reference, at its place.
    name: 'back-reference in a regex term',
    files: {
      'a.yaml':
        "metricFilters:\n  - name: errs\n    logGroup: /shop/app\n    pattern: '%ab\\1%'\n    metric: { namespace: Shop, name: Errors }\n",
    },
    expected:
      'a.yaml:4:18: error BAD_FILTER_PATTERN: filter pattern "%ab\\\\1%": invalid regex: invalid escape sequence: `\\1` (at character 4)',
  },
  {
    // A block scalar is not mapped character by character: the error points at the scalar itself.
    name: 'EXISTS in a block-scalar pattern',
    files: {
      'a.yaml':
        'metricFilters:\n  - name: errs\n    logGroup: /shop/app\n    pattern: |\n      { $.x EXISTS }\n    metric: { namespace: Shop, name: Errors }\n',
    },
    expected:
      'a.yaml:4:14: error BAD_FILTER_PATTERN: filter pattern "{ $.x EXISTS }\\n": EXISTS alone is not supported: test presence with = * or absence with NOT EXISTS (at character 7)',
  },
  {
    name: 'metric value naming a field the space-delimited pattern does not have',
    files: {
      'a.yaml':
        "metricFilters:\n  - name: bytes\n    logGroup: /shop/app\n    pattern: '[ip, user, ..., status, bytes]'\n    metric: { namespace: Shop, name: Bytes, value: $size }\n",
    },
    expected:
      'a.yaml:5:52: error DANGLING_REFERENCE: the metric value reads $size, but the pattern names no field "size" (its fields: ip, user, status, bytes; $1, $2, ... by position)',
  },
  {
    name: 'four dimensions on a metric filter',
    files: {
      'a.yaml':
        "metricFilters:\n  - name: lat\n    logGroup: /shop/app\n    pattern: '{ $.ms > 0 }'\n    metric: { namespace: Shop, name: Ms, value: $.ms, dimensions: { A: $.a, B: $.b, C: $.c, D: $.d } }\n",
    },
    expected: 'a.yaml:5:67: error LIMIT_EXCEEDED: 4 dimensions; AWS allows at most 3 per metric filter',
  },
  // --- AWS limits ---
  {
    name: 'alarm name longer than 255 characters',
    files: {
      'a.yaml': `alarms:\n  - name: ${'n'.repeat(256)}\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    threshold: ">= 5"\n`,
    },
    expected: 'a.yaml:2:11: error LIMIT_EXCEEDED: alarm name is 256 characters; AWS allows at most 255',
  },
  {
    name: 'six actions for one state',
    files: {
      'a.yaml':
        'alarms:\n  - name: cpu\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    threshold: ">= 5"\n    onOk: [arn:aws:sns:eu-west-1:1:a, arn:aws:sns:eu-west-1:1:b, arn:aws:sns:eu-west-1:1:c, arn:aws:sns:eu-west-1:1:d, arn:aws:sns:eu-west-1:1:e, arn:aws:sns:eu-west-1:1:f]\n',
    },
    expected: 'a.yaml:5:11: error LIMIT_EXCEEDED: 6 actions; AWS allows at most 5 per alarm state',
  },
  {
    name: 'more than 50 tags once the ownership tag is added',
    files: { 'a.yaml': `logGroups:\n  - name: /b\n    tags:\n${many(50, (i) => `      t${i}: v\n`)}` },
    expected:
      "a.yaml:4:7: error LIMIT_EXCEEDED: 51 tags (with the stack's default tags and the ownership tag); AWS allows at most 50",
  },
  {
    name: 'more than 100 metric filters on one log group',
    files: {
      'a.yaml': `metricFilters:\n${many(101, (i) => `  - { name: f${i}, logGroup: /shop/app, pattern: E${i}, metric: { namespace: Shop, name: M${i} } }\n`)}`,
    },
    expected:
      'a.yaml:102:5: error LIMIT_EXCEEDED: log group /shop/app has 101 metric filters; AWS allows at most 100 per log group',
  },
  {
    name: 'more than 5 regex metric filters on one log group',
    files: {
      'a.yaml': `metricFilters:\n${many(6, (i) => `  - { name: f${i}, logGroup: /shop/app, pattern: '%E${i}%', metric: { namespace: Shop, name: M${i} } }\n`)}`,
    },
    expected:
      'a.yaml:7:5: error LIMIT_EXCEEDED: log group /shop/app has 6 metric filters with %regex% patterns; AWS allows at most 5 per log group',
  },
  // --- environment, stack, directory ---
  {
    name: 'unresolved ${env:} value',
    files: { 'a.yaml': 'topics:\n  - name: chat\n    subscriptions:\n      - https: ${env:SLACK_WEBHOOK_URL}\n' },
    expected:
      'a.yaml:4:16: error UNRESOLVED_ENV: environment variable SLACK_WEBHOOK_URL is not set (used by topics.0.subscriptions.0.https as ${env:SLACK_WEBHOOK_URL}); set it, or in GitHub Actions pass it from a secret',
  },
  {
    name: 'no file declares the stack',
    files: { 'stack.yaml': 'logGroups:\n  - name: /a\n' },
    expected:
      'stack.yaml:1:1: error SCHEMA: no file under . declares the stack: add a "stack:" block with name and region to one file',
  },
  {
    name: 'stack region is not a region',
    files: { 'stack.yaml': 'stack:\n  name: shop\n  region: europe\n' },
    expected: `stack.yaml:3:11: error SCHEMA: stack.region: "europe" is not valid. ${REGION_HELP}`,
  },
  {
    name: '--region disagrees with the stack region',
    files: {},
    region: 'us-east-1',
    expected:
      "stack.yaml:3:11: error REGION: --region us-east-1 conflicts with the stack's region eu-west-1: make them agree, or remove region from the stack to choose it per run",
  },
  // --- saved queries ---
  {
    name: 'saved query with a misspelt command, in a block',
    files: {
      'a.yaml':
        'savedQueries:\n  - name: errors/recent\n    query: |\n      fields @timestamp, @message\n      | fitler @message like /ERROR/\n      | limit 20\n',
    },
    expected:
      'a.yaml:5:9: error BAD_QUERY: Logs Insights query: "fitler" is not a Logs Insights command; did you mean "filter"? (commands: fields, display, filter, filterIndex, stats, sort, limit, parse, dedup, unmask, pattern, diff, anomaly, unnest, lookup, SOURCE)',
  },
  {
    name: 'saved query with a pipe and nothing after it, on one line',
    files: { 'a.yaml': "savedQueries:\n  - name: recent\n    query: 'fields @message |'\n" },
    expected: 'a.yaml:3:29: error BAD_QUERY: Logs Insights query: a | with no command after it',
  },
  {
    name: 'saved query name over 200 characters',
    files: { 'a.yaml': `savedQueries:\n  - name: ${'q'.repeat(200)}/${'r'.repeat(60)}\n    query: fields @message\n` },
    expected:
      'a.yaml:2:11: error SCHEMA: savedQueries.0.name: "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq…" (261 characters) must NOT have more than 200 characters',
  },
  // --- subscription filters ---
  {
    name: 'subscription filter to Kinesis without a role',
    files: {
      'a.yaml': 'subscriptionFilters:\n  - name: ship\n    logGroup: /shop/app\n    destination: { kinesis: logs }\n',
    },
    expected:
      'a.yaml:4:29: error SCHEMA: a kinesis destination needs role: the ARN of a role CloudWatch Logs may assume to write to it',
  },
  {
    name: 'subscription filter to a Lambda with a role',
    files: {
      'a.yaml':
        'subscriptionFilters:\n  - name: ship\n    logGroup: /shop/app\n    destination: { lambda: ship-logs }\n    role: arn:aws:iam::123456789012:role/r\n',
    },
    expected:
      'a.yaml:5:11: error SCHEMA: a lambda destination takes no role (CloudWatch Logs invokes it through the permission monitors adds): drop role',
  },
  {
    name: 'subscription filter with two destinations',
    files: {
      'a.yaml':
        'subscriptionFilters:\n  - name: ship\n    logGroup: /shop/app\n    destination: { lambda: ship-logs, firehose: logs }\n',
    },
    expected: 'a.yaml:4:18: error SCHEMA: subscriptionFilters.0.destination: must NOT have more than 1 properties',
  },
  {
    name: 'subscription filter with a misspelt destination key',
    files: {
      'a.yaml':
        'subscriptionFilters:\n  - name: ship\n    logGroup: /shop/app\n    destination: { lamda: ship-logs }\n',
    },
    expected:
      'a.yaml:4:20: error SCHEMA: unknown key "lamda" in subscriptionFilters.0.destination; did you mean "lambda"? (allowed: lambda, kinesis, firehose, arn)',
  },
  {
    name: 'subscription filter with a broken pattern',
    files: {
      'a.yaml':
        "subscriptionFilters:\n  - name: ship\n    logGroup: /shop/app\n    pattern: '{ $.level = }'\n    destination: { lambda: ship-logs }\n",
    },
    expected:
      'a.yaml:4:27: error BAD_FILTER_PATTERN: filter pattern "{ $.level = }": expected a value after =, found "}" (at character 13)',
  },
  {
    name: 'three subscription filters on one log group',
    files: {
      'a.yaml':
        'subscriptionFilters:\n  - name: ship\n    logGroup: /shop/app\n    destination: { lambda: a }\n  - name: two\n    logGroup: /shop/app\n    destination: { lambda: b }\n',
      'b.yaml': 'subscriptionFilters:\n  - name: three\n    logGroup: /shop/app\n    destination: { lambda: c }\n',
    },
    expected:
      'b.yaml:2:5: error LIMIT_EXCEEDED: log group /shop/app has 3 subscription filters; AWS allows at most 2 per log group (send to one Firehose or Lambda that fans out, instead)',
  },
  {
    name: 'subscription filter on an undeclared log group',
    files: {
      'a.yaml':
        'subscriptionFilters:\n  - name: ship\n    logGroup: /shop/ap\n    destination: { lambda: ship-logs }\n',
    },
    expected:
      'a.yaml:3:15: error DANGLING_REFERENCE: log group "/shop/ap" is not declared in any file; did you mean "/shop/app"?',
  },
  // --- log anomaly detectors ---
  {
    name: 'log anomaly detector on an undeclared log group',
    files: { 'a.yaml': 'logAnomalyDetectors:\n  - name: app\n    logGroups: [/shop/ap]\n' },
    expected:
      'a.yaml:3:17: error DANGLING_REFERENCE: log group "/shop/ap" is not declared in any file; did you mean "/shop/app"?',
  },
  {
    name: 'log anomaly detector on two log groups',
    files: {
      'a.yaml':
        'logGroups:\n  - name: /shop/api\nlogAnomalyDetectors:\n  - name: app\n    logGroups:\n      - /shop/app\n      - /shop/api\n',
    },
    expected:
      'a.yaml:7:9: error LIMIT_EXCEEDED: 2 log groups; AWS lets an anomaly detector watch 1 (make one detector per log group)',
  },
  {
    name: 'log anomaly detector with an ARN that is not a log group’s',
    files: {
      'a.yaml':
        'logAnomalyDetectors:\n  - name: app\n    logGroups: [arn:aws:sns:eu-west-1:123456789012:shop-alerts]\n',
    },
    expected:
      'a.yaml:3:17: error SCHEMA: "arn:aws:sns:eu-west-1:123456789012:shop-alerts" is not a log group\'s ARN (arn:aws:logs:REGION:ACCOUNT:log-group:NAME); write a log group of these files by its name',
  },
  {
    name: 'log anomaly detector with a broken pattern',
    files: { 'a.yaml': "logAnomalyDetectors:\n  - name: app\n    logGroups: [/shop/app]\n    pattern: '[ip, user'\n" },
    expected: 'a.yaml:4:15: error BAD_FILTER_PATTERN: filter pattern "[ip, user": "[" is never closed (at character 1)',
  },
  {
    name: 'log anomaly detector visible for fewer days than AWS allows',
    files: {
      'a.yaml': 'logAnomalyDetectors:\n  - name: app\n    logGroups: [/shop/app]\n    anomalyVisibilityTime: 5d\n',
    },
    expected:
      'a.yaml:4:28: error SCHEMA: anomalyVisibilityTime "5d": AWS keeps an anomaly visible for 7 to 90 days (e.g. 21d)',
  },
  {
    name: 'log anomaly detector visible for more days than AWS allows, as a number',
    files: {
      'a.yaml': 'logAnomalyDetectors:\n  - name: app\n    logGroups: [/shop/app]\n    anomalyVisibilityTime: 120\n',
    },
    expected:
      'a.yaml:4:28: error SCHEMA: anomalyVisibilityTime 120: AWS keeps an anomaly visible for 7 to 90 days (e.g. 21d)',
  },
  {
    name: 'log anomaly detector with a frequency AWS does not have',
    files: {
      'a.yaml': 'logAnomalyDetectors:\n  - name: app\n    logGroups: [/shop/app]\n    evaluationFrequency: 2m\n',
    },
    expected:
      'a.yaml:4:26: error SCHEMA: logAnomalyDetectors.0.evaluationFrequency: "2m" is not allowed; did you mean "1m"? (allowed: 1m, 5m, 10m, 15m, 30m, 1h, ONE_MIN, FIVE_MIN, TEN_MIN, FIFTEEN_MIN, THIRTY_MIN, ONE_HOUR)',
  },
  {
    name: 'log anomaly detector with a KMS key that is not a key ARN',
    files: { 'a.yaml': 'logAnomalyDetectors:\n  - name: app\n    logGroups: [/shop/app]\n    kmsKey: alias/shop\n' },
    expected:
      'a.yaml:4:13: error SCHEMA: logAnomalyDetectors.0.kmsKey: "alias/shop" is not valid. A KMS key ARN to encrypt the detector\'s findings and model. Changing it makes a new detector.',
  },
  {
    name: 'two log anomaly detectors of one name in two files',
    files: {
      'a.yaml': 'logAnomalyDetectors:\n  - name: app\n    logGroups: [/shop/app]\n',
      'b.yaml': 'logAnomalyDetectors:\n  - name: app\n    logGroups: [/shop/app]\n',
    },
    expected: 'b.yaml:2:5: error DUPLICATE_NAME: log anomaly detector app is declared twice; first at a.yaml:2:5',
  },
  {
    name: 'log anomaly detector without log groups',
    files: { 'a.yaml': 'logAnomalyDetectors:\n  - name: app\n    logGroups: []\n' },
    expected: 'a.yaml:3:16: error SCHEMA: logAnomalyDetectors.0.logGroups: "[]" must NOT have fewer than 1 items',
  },
  {
    name: 'log anomaly detector name from ${env:}',
    files: { 'a.yaml': 'logAnomalyDetectors:\n  - name: app-${env:TEAM}\n    logGroups: [/shop/app]\n' },
    env: { TEAM: 'payments' },
    expected:
      'a.yaml:2:11: error SCHEMA: logAnomalyDetectors.0.name cannot come from ${env:}: names, ARNs, namespaces, dimensions and patterns are shown in plans, ARNs, notes and comments, so they are never secret. ${env:} is for descriptions, tag values, subscription endpoints (email, email-json, sms, http, https) and chat webhooks; write this value in the file',
  },
];

let aws: CountingEndpoint;
const root = mkdtempSync(path.join(tmpdir(), 'monitors-broken-'));
const cwd = process.cwd();

beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  process.chdir(cwd);
  await aws.close();
  rmSync(root, { recursive: true, force: true });
});

/** Runs the whole plan pipeline on the files from inside their directory; returns the diagnostics it threw. */
async function diagnosticsOf(c: Case): Promise<readonly Diagnostic[]> {
  const dir = path.join(root, c.name.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries({ 'stack.yaml': STACK, ...c.files }))
    writeFileSync(path.join(dir, name), text);
  process.chdir(dir);
  try {
    await planStack({
      directory: '.',
      endpointUrl: aws.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      adopt: false,
      allowMassDelete: false,
      maxDeleteShare: 0.5,
      env: c.env ?? {},
      region: c.region,
    });
  } catch (err) {
    if (err instanceof ConfigError) return err.diagnostics;
    throw err;
  } finally {
    process.chdir(cwd);
  }
  throw new Error('planStack accepted files that should have been refused');
}

test(`the suite covers at least 30 kinds of mistake`, () => {
  expect(CASES.length).toBeGreaterThanOrEqual(30);
});

describe.each(CASES)('$name', (c) => {
  test('is reported at the exact place with a clear message, before any AWS call', async () => {
    const before = aws.requests();
    const diagnostics = await diagnosticsOf(c);
    const firstError = diagnostics.find((d) => d.severity === 'error');
    expect(firstError && formatDiagnostic(firstError)).toBe(c.expected);
    expect(aws.requests() - before).toBe(0);
  });
});
