import type { ResourceSpec } from '../../model';
import { SERVICES } from './catalog';
import { PACK_TAG } from './declaration';
import type { ServicePack } from './types';

/** One service whose recommended alarms were found among imported alarms. */
export interface PackSuggestion {
  readonly service: string;
  /** The resources (dimension values) those alarms watch, sorted. */
  readonly resources: readonly string[];
  /** The recommendation keys matched, sorted. */
  readonly keys: readonly string[];
  readonly alarms: number;
}

/** Which recommendation of which service an alarm's metric is, when it is one (namespace, metric, dimension names). */
function recommendationOf(
  namespace: string,
  metric: string,
  dimensions: Readonly<Record<string, string>>,
): { pack: ServicePack; key: string; resource: string } | undefined {
  const names = Object.keys(dimensions).sort().join(',');
  for (const pack of Object.values(SERVICES))
    for (const r of pack.recommendations) {
      if (r.namespace !== namespace || r.metric !== metric) continue;
      // The resource's own dimensions are the alarm's, less any the recommendation adds (FilterId).
      const own = Object.keys(dimensions).filter((d) => !(r.extraDimensions && d in r.extraDimensions));
      if (own.length === 0) continue;
      const sample = pack.dimensions(sampleArn(pack));
      const expected = sample ? [...Object.keys(sample), ...Object.keys(r.extraDimensions ?? {})].sort().join(',') : '';
      if (expected !== names) continue;
      return { pack, key: r.key, resource: own.map((d) => dimensions[d]).join('/') };
    }
  return undefined;
}

/** An ARN of the pack's kind of resource, to learn the dimension names it publishes under. */
function sampleArn(pack: ServicePack): string {
  const samples: Readonly<Record<string, string>> = {
    lambda: 'arn:aws:lambda:r:1:function:f',
    sqs: 'arn:aws:sqs:r:1:q',
    sns: 'arn:aws:sns:r:1:t',
    'apigateway-http': 'arn:aws:apigateway:r::/apis/a/stages/s',
    alb: 'arn:aws:elasticloadbalancing:r:1:loadbalancer/app/n/i',
    nlb: 'arn:aws:elasticloadbalancing:r:1:loadbalancer/net/n/i',
    dynamodb: 'arn:aws:dynamodb:r:1:table/t',
    rds: 'arn:aws:rds:r:1:db:d',
    aurora: 'arn:aws:rds:r:1:cluster:c',
    ecs: 'arn:aws:ecs:r:1:service/c/s',
    ec2: 'arn:aws:ec2:r:1:instance/i-0a',
    ebs: 'arn:aws:ec2:r:1:volume/vol-0a',
    kinesis: 'arn:aws:kinesis:r:1:stream/s',
    stepfunctions: 'arn:aws:states:r:1:stateMachine:m',
    elasticache: 'arn:aws:elasticache:r:1:cluster:c',
    opensearch: 'arn:aws:es:r:1:domain/d',
    cloudfront: 'arn:aws:cloudfront::1:distribution/E1',
    s3: 'arn:aws:s3:::b',
  };
  return samples[pack.service] ?? '';
}

/**
 * Alarms among `specs` that are AWS's recommended alarms of some service, grouped by service: import
 * offers a pack for them instead of one copy per resource. Alarms a pack made (tagged) are not offered.
 */
export function packSuggestions(specs: readonly ResourceSpec[]): PackSuggestion[] {
  const by = new Map<string, { resources: Set<string>; keys: Set<string>; alarms: number }>();
  for (const s of specs) {
    if (s.kind !== 'metricAlarm' || !s.metric || s.tags[PACK_TAG] !== undefined) continue;
    const hit = recommendationOf(s.metric.namespace, s.metric.metricName, s.metric.dimensions);
    if (!hit) continue;
    const entry = by.get(hit.pack.service) ?? { resources: new Set<string>(), keys: new Set<string>(), alarms: 0 };
    entry.resources.add(hit.resource);
    entry.keys.add(hit.key);
    entry.alarms += 1;
    by.set(hit.pack.service, entry);
  }
  return [...by]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, e]) => ({
      service,
      resources: [...e.resources].sort(),
      keys: [...e.keys].sort(),
      alarms: e.alarms,
    }));
}

/** The note import prints for one suggestion. */
export function suggestionLines(s: PackSuggestion): string[] {
  const pack = SERVICES[s.service];
  const noun = pack ? pack.noun[s.resources.length === 1 ? 0 : 1] : 'resources';
  return [
    `  ${s.alarms} alarm(s) are AWS's recommended ${s.keys.join(', ')} for ${s.resources.length} ${noun} (${s.resources.slice(0, 5).join(', ')}${s.resources.length > 5 ? ', …' : ''}). A pack keeps them for every ${pack?.noun[0] ?? 'resource'} it selects, as they come and go:`,
    `    packs:`,
    `      - service: ${s.service}`,
    `        select: { names: [${s.resources.slice(0, 5).join(', ')}${s.resources.length > 5 ? ', …' : ''}] }   # or tags:`,
  ];
}
