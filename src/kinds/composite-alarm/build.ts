import { excerpt, ruleReferences } from '../../model';
import { blankToUndefined, normalizeRule } from '../../model/normalize';
import type { YamlForm } from '../build';
import { buildActions } from '../shared/alarm-actions-build';
import { COMPOSITE_ALARM_FIELDS } from './fields';
import { buildSuppressor, suppressorName, type RawSuppressedBy } from './suppressor';

/** `compositeAlarms:`: a rule over other alarms; each alarm it names must be declared (or an ARN). */
export const compositeAlarmsForm: YamlForm = {
  key: 'compositeAlarms',
  proseKeys: ['description', 'rule'],
  build(ctx, raw) {
    raw.compositeAlarms?.forEach((c, i) => {
      const path = ['compositeAlarms', i];
      ctx.alarmName(c.name, path);
      const rule = normalizeRule(c.rule);
      const suppressor = buildSuppressor(ctx, c.suppressedBy as RawSuppressedBy | undefined, path);
      if (suppressor && suppressorName(suppressor.alarm) === c.name)
        ctx.error(
          'SCHEMA',
          `composite alarm ${excerpt(c.name)} cannot suppress its own actions: suppressedBy names another alarm (a dependency that pages its own owner)`,
          ctx.at(typeof c.suppressedBy === 'string' ? [...path, 'suppressedBy'] : [...path, 'suppressedBy', 'alarm']),
        );
      for (const ref of ruleReferences(rule))
        if (!ref.startsWith('arn:')) ctx.reference({ kind: 'alarm', name: ref, location: ctx.at([...path, 'rule']) });
      ctx.push(
        {
          spec: {
            kind: 'compositeAlarm',
            name: c.name,
            description: blankToUndefined(c.description),
            rule,
            ...buildActions(ctx, c, path),
            ...(suppressor ? { actionsSuppressor: suppressor } : {}),
            tags: ctx.tagsFor(c.tags, path),
          },
          source: ctx.at(path),
        },
        COMPOSITE_ALARM_FIELDS,
        path,
      );
    });
  },
};
