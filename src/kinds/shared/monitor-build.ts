import { excerpt } from '../../model';
import { blankToUndefined } from '../../model/normalize';
import { parseAlarmShorthand, validPeriod } from './forms';
import type { YamlForm } from '../build';
import { buildActions } from './alarm-actions-build';
import { buildFilter } from '../metric-filter/build';
import { MONITOR_ALARM_FIELDS, MONITOR_FILTER_FIELDS } from './monitor-fields';
import type { TreatMissingData } from '../specs';

/** `monitors:`: the short form, a pattern and an alarm condition, expanding into a metric filter and its alarm. */
export const monitorsForm: YamlForm = {
  key: 'monitors',
  proseKeys: ['description', 'pattern'],
  build(ctx, raw) {
    raw.monitors?.forEach((m, i) => {
      const path = ['monitors', i];
      const slash = m.metric.lastIndexOf('/');
      const namespace = m.metric.slice(0, slash);
      const metricName = m.metric.slice(slash + 1);
      buildFilter(
        ctx,
        m.name,
        m.logGroup,
        m.pattern,
        { namespace, name: metricName, value: 1, default: 0 },
        path,
        [...path, 'logGroup'],
        MONITOR_FILTER_FIELDS,
        m.awsName,
      );
      const cond = parseAlarmShorthand(m.alarm);
      if (!Number.isFinite(cond.threshold))
        ctx.error('SCHEMA', `${excerpt(m.alarm)}: the threshold is not a finite number`, ctx.at([...path, 'alarm']));
      if (!validPeriod(cond.period))
        ctx.error(
          'SCHEMA',
          `${excerpt(m.alarm)}: a period of ${cond.period}s is not accepted; use 10s, 20s, 30s or whole minutes`,
          ctx.at([...path, 'alarm']),
        );
      ctx.alarmName(m.name, path);
      ctx.push(
        {
          spec: {
            kind: 'metricAlarm',
            name: m.name,
            description: blankToUndefined(m.description),
            ...buildActions(ctx, m, path),
            metric: { namespace, metricName, dimensions: {}, period: cond.period, statistic: 'Sum' },
            threshold: cond.threshold,
            comparisonOperator: cond.comparison,
            evaluationPeriods: cond.evaluationPeriods,
            datapointsToAlarm: cond.datapointsToAlarm,
            treatMissingData: (m.treatMissingData ?? 'missing') as TreatMissingData,
            tags: ctx.tagsFor(m.tags, path),
          },
          source: ctx.at(path),
        },
        MONITOR_ALARM_FIELDS,
        path,
      );
    });
  },
};
