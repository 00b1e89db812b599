/**
 * Sloth specs (`version: prometheus/v1`, https://github.com/slok/sloth, examples/getting-started.yml)
 * whose event queries are CloudWatch metrics (`Namespace/Name{Dimension="value"}`), as `slos:` entries:
 * `<service>-<name>`, the objective as the target, error_query as bad and total_query as total, over
 * Sloth's 30-day window. A disabled page or ticket alert leaves that severity out of the policy.
 */
import { yamlLib } from '../../config/yaml-lib';
import type { RawSli, RawSlo } from '../../kinds/slo/raw';
import { DEFAULT_POLICY } from '../../kinds/slo/policy';
import { durationText } from '../../config/forms';
import { parseMetricQuery } from './cloudwatch-ref';
import type { SloImport } from './result';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});

export function fromSloth(text: string): SloImport {
  const spec = obj(yamlLib().parse(text));
  if (spec.version !== 'prometheus/v1')
    return { slos: [], refused: [`version ${String(spec.version)} is not prometheus/v1 (a Sloth spec)`] };
  const service = String(spec.service ?? '');
  const slos: RawSlo[] = [];
  const refused: string[] = [];
  for (const s of (Array.isArray(spec.slos) ? spec.slos : []).map(obj)) {
    const name = `${service}-${String(s.name ?? '')}`;
    const sli = obj(s.sli);
    if (sli.events === undefined) {
      refused.push(
        `SLO ${name}: its SLI is ${sli.raw !== undefined ? 'a raw error ratio query' : 'a plugin'}, not error and total events`,
      );
      continue;
    }
    const events = obj(sli.events);
    const bad = parseMetricQuery(String(events.error_query ?? ''));
    const total = parseMetricQuery(String(events.total_query ?? ''));
    const problem =
      'refused' in bad
        ? `error_query: ${bad.refused}`
        : 'refused' in total
          ? `total_query: ${total.refused}`
          : undefined;
    if (problem || 'refused' in bad || 'refused' in total) {
      refused.push(`SLO ${name}: ${problem ?? ''}`);
      continue;
    }
    const alerting = obj(s.alerting);
    const disabled = (k: string) => obj(alerting[k]).disable === true;
    const policy = DEFAULT_POLICY.filter(
      (a) =>
        !(a.severity === 'page' && disabled('page_alert')) && !(a.severity === 'ticket' && disabled('ticket_alert')),
    );
    if (policy.length === 0) {
      refused.push(`SLO ${name}: both its page and ticket alerts are disabled; an SLO here is its alerts`);
      continue;
    }
    slos.push({
      name,
      ...(s.description !== undefined ? { description: String(s.description) } : {}),
      target: Number(s.objective),
      window: '30d',
      sli: { bad: bad.metric, total: total.metric } as RawSli,
      ...(policy.length < DEFAULT_POLICY.length
        ? {
            policy: policy.map((a) => ({
              severity: a.severity,
              factor: a.factor,
              long: durationText(a.long),
              short: durationText(a.short),
            })),
          }
        : {}),
    });
  }
  return { slos, refused };
}
