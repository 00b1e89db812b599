/**
 * Filter-pattern validation for the loader: the engine's parser (src/patterns) decides. The checks
 * and the offset → YAML position mapping moved to kinds/metric-filter/ (pattern-checks.ts,
 * pattern-location.ts: the kind's build uses them and kinds import no config/); re-exported here.
 */
export { MAX_PATTERN_LENGTH, MAX_REGEX_TERMS } from '../patterns';
export * from '../kinds/metric-filter/pattern-checks';
export { patternLocation } from '../kinds/metric-filter/pattern-location';
