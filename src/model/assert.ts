/** Makes a switch over a discriminated union exhaustive: adding a variant breaks the build here. */
export function assertNever(value: never): never {
  throw new Error(`unexpected variant: ${JSON.stringify(value)}`);
}
