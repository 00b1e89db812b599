import type * as Yaml from 'yaml';

/**
 * The `yaml` library, loaded on first use. Loading it costs about 40 ms of CPU at every start, and a
 * clean file read by the quick path (fast-yaml.ts) never needs it: only positions, `${env:}`
 * values, text checks and errors do.
 */
let lib: typeof Yaml | undefined;
export function yamlLib(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (lib ??= require('yaml') as typeof Yaml);
}

export const isMap = ((node: unknown) => yamlLib().isMap(node)) as typeof Yaml.isMap;
export const isPair = ((node: unknown) => yamlLib().isPair(node)) as typeof Yaml.isPair;
export const isScalar = ((node: unknown) => yamlLib().isScalar(node)) as typeof Yaml.isScalar;
export const isSeq = ((node: unknown) => yamlLib().isSeq(node)) as typeof Yaml.isSeq;
