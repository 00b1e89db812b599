import { OWNER_TAG } from '../../model';
import { RETENTION_DAYS, retentionText } from '../shared/forms';
import { entry, ownTags, type KindUnbuild } from '../unbuild';
import type { LogGroupSpec } from '../specs';

/** A log group as `logGroups:` writes it: retention as "30d" / "1y", never-expire left out. */
export const logGroupUnbuild: KindUnbuild<'logGroup'> = {
  section: 'logGroups',
  unbuild(spec: LogGroupSpec) {
    if (spec.retentionInDays !== undefined && !RETENTION_DAYS.includes(spec.retentionInDays))
      return { unsupported: `its retention of ${spec.retentionInDays} days is not one CloudWatch Logs accepts` };
    return {
      entry: entry({
        name: spec.name,
        retention: retentionText(spec.retentionInDays),
        kmsKey: spec.kmsKeyId,
        tags: ownTags(spec.tags, [OWNER_TAG]),
      }),
    };
  },
};
