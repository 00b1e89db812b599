import { OWNER_TAG } from '../../model';
import { entry, ownTags, type KindUnbuild } from '../unbuild';
import type { TopicSpec } from '../specs';

/** A topic as `topics:` writes it; `fifo` is left out, since the name's ".fifo" already says it. */
export const topicUnbuild: KindUnbuild<'topic'> = {
  section: 'topics',
  unbuild(spec: TopicSpec) {
    if (spec.fifo !== spec.name.endsWith('.fifo'))
      return { unsupported: 'it is FIFO without a name ending in .fifo, which no file can declare' };
    return {
      entry: entry({
        name: spec.name,
        displayName: spec.displayName,
        kmsKey: spec.kmsMasterKeyId,
        tags: ownTags(spec.tags, [OWNER_TAG]),
      }),
    };
  },
};
