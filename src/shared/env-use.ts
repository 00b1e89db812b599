import type { PathSegment } from './source-types';

/** Where a value from `${env:}` landed: the scalar's path in the file and its character range. */
export interface EnvUse {
  readonly path: readonly PathSegment[];
  readonly envNames: readonly string[];
  readonly range: readonly [number, number];
  /**
   * Set when a variable it names was unset and unset variables are warnings (checking only): the
   * value is still the reference itself, so nothing may judge its shape (a URL, a host) yet.
   */
  readonly unresolved?: true;
}
