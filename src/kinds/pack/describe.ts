import { didYouMean } from '../../shared/suggest';
import { MonitorsError } from '../../model';
import { SERVICES, servicePack } from './catalog';
import { SOURCE_PAGE, type Recommendation, type Threshold } from './types';

const OP: Readonly<Record<string, string>> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '>=',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

/** A threshold in words: AWS's number, the rule read from each resource, or that the user must give one. */
export function thresholdText(t: Threshold): string {
  switch (t.basis) {
    case 'fixed':
      return String(t.value);
    case 'resource':
      return t.rule;
    case 'none':
      return `none from AWS: give one (${t.justification})`;
  }
}

/** `>= 1 in 1m for 2 of 2`, like the monitors: shorthand. */
export function conditionText(r: Recommendation): string {
  const value = r.threshold.basis === 'fixed' ? String(r.threshold.value) : 'T';
  const period = r.period % 60 === 0 ? `${r.period / 60}m` : `${r.period}s`;
  return `${r.statistic} ${OP[r.comparison] ?? r.comparison} ${value} in ${period} for ${r.datapointsToAlarm} of ${r.evaluationPeriods}`;
}

/** `monitors packs`: every service, its resources, and its recommendations' keys. */
export function listServices(): string[] {
  const lines = ['Alarm packs: AWS\'s recommended alarms per service (run "monitors packs SERVICE" for details).', ''];
  for (const p of Object.values(SERVICES)) {
    lines.push(
      `${p.service.padEnd(16)} ${p.title}, per ${p.noun[0]}: ${p.recommendations.map((r) => r.key).join(', ')}`,
    );
  }
  lines.push('', `Source: ${SOURCE_PAGE}`);
  return lines;
}

/** `monitors packs SERVICE`: each recommendation in full. */
export function describeService(service: string): string[] {
  const p = servicePack(service);
  if (!p)
    throw new MonitorsError(
      'USAGE',
      `no pack for ${JSON.stringify(service)}${didYouMean(service, Object.keys(SERVICES))}; "monitors packs" lists them`,
    );
  const discovery =
    p.discovery.via === 'tagging-api'
      ? `the Resource Groups Tagging API (type ${p.discovery.resourceType}; select by tags)`
      : `the service's own list and tag calls (select by tags, names or prefix)`;
  const lines = [
    `${p.title} (service: ${p.service}): one alarm per recommendation per ${p.noun[0]}.`,
    `Found with ${discovery}. IAM: ${p.iam.join(', ')}.`,
    ...(p.note ? [p.note] : []),
    '',
  ];
  for (const r of p.recommendations) {
    lines.push(
      `${r.key}`,
      `  metric      ${r.namespace} ${r.metric}`,
      `  condition   ${conditionText(r)} (period ${r.period}s)`,
      `  threshold   ${thresholdText(r.threshold)}`,
      ...(r.chosen ? [`              (${r.chosen})`] : []),
      `  missing     ${r.treatMissingData}`,
      `  intent      ${r.intent}`,
      `  source      ${SOURCE_PAGE} (section ${r.section})`,
      '',
    );
  }
  return lines;
}

/** docs/packs.md's services table, generated from the data (test/packs/docs.test.ts keeps the page in step). */
export function servicesTable(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = Object.values(SERVICES).flatMap((p) =>
    p.recommendations.map(
      (r) =>
        `| \`${p.service}\` | ${cell(r.key)} | ${r.namespace} | ${cell(conditionText(r))} | ${cell(thresholdText(r.threshold))} | ${r.treatMissingData} | ${cell(r.section)} |`,
    ),
  );
  return [
    '| Service | Recommendation | Namespace | Condition | Threshold | Missing data | Source section |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
