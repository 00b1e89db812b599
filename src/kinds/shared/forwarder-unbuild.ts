import type { ResourceKind, SpecOf } from '../../model/resources';
import type { KindUnbuild } from '../unbuild';

/**
 * The chat forwarder's resources are never imported: the tool makes them from a topic's `slack:` /
 * `discord:` / `teams:` / `googleChat:` lines, and a console-made account has no forwarder of ours.
 * Import's selection picks none of their names (import/selection.ts); should one reach import, it
 * says what to write instead. Its webhook URLs live in the function's environment, so writing them
 * back would also mean handling secrets the reader never asks for.
 */
export function forwarderUnbuild<K extends ResourceKind>(what: (spec: SpecOf<K>) => string): KindUnbuild<K> {
  return {
    section: 'subscriptions',
    unbuild(spec) {
      return {
        unsupported: `${what(spec)} belongs to a monitors chat forwarder, which is not imported: write the chat line (slack:, discord:, teams: or googleChat:) under its topic's subscriptions instead`,
      };
    },
  };
}
