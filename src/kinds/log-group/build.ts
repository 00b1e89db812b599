import { blankToUndefined } from '../../model/normalize';
import { retentionDays } from '../shared/forms';
import type { YamlForm } from '../build';
import { LOG_GROUP_FIELDS } from './fields';

/** `logGroups:`: retention as a duration ("1y"), KMS key, tags. */
export const logGroupsForm: YamlForm = {
  key: 'logGroups',
  build(ctx, raw) {
    raw.logGroups?.forEach((g, i) => {
      const path = ['logGroups', i];
      ctx.push(
        {
          spec: {
            kind: 'logGroup',
            name: g.name,
            retentionInDays: g.retention === undefined ? undefined : retentionDays(g.retention),
            kmsKeyId: blankToUndefined(g.kmsKey),
            tags: ctx.tagsFor(g.tags, path),
          },
          source: ctx.at(path),
        },
        LOG_GROUP_FIELDS,
        path,
      );
    });
  },
};
