/**
 * Query definitions cannot be tagged, so the stack that owns one is in its name: `monitors/<stack>/`
 * then the name in the files, whose own `/`s are the console's folders. Only names under the root
 * are read, so a saved query made by hand is never seen, changed or deleted.
 */
export const QUERY_ROOT = 'monitors/';

/** AWS's limit on a query definition's name. */
export const MAX_QUERY_NAME = 255;

/** The AWS name of a saved query of the stack. */
export function queryAwsName(stack: string, name: string): string {
  return `${QUERY_ROOT}${stack}/${name}`;
}

/** The stack a query definition's name says owns it, if it is under the root. */
export function queryOwner(awsName: string): string | undefined {
  if (!awsName.startsWith(QUERY_ROOT)) return undefined;
  const rest = awsName.slice(QUERY_ROOT.length);
  const slash = rest.indexOf('/');
  return slash > 0 && slash < rest.length - 1 ? rest.slice(0, slash) : undefined;
}

/** The name in the files of a query of this stack. */
export function queryYamlName(stack: string, awsName: string): string | undefined {
  const prefix = queryAwsName(stack, '');
  return awsName.startsWith(prefix) ? awsName.slice(prefix.length) : undefined;
}
