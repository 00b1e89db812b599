/** A Logs Insights saved query (a query definition), in the CWLI language. */
export interface QueryDefinitionSpec {
  readonly kind: 'queryDefinition';
  /** The name in AWS: `monitors/<stack>/<name>`; the console shows each `/` as a folder. */
  readonly name: string;
  /** Without trailing white space (a `|` block's last newline). */
  readonly queryString: string;
  /** The log groups it opens with, sorted; may be empty (chosen when it is run). */
  readonly logGroupNames: readonly string[];
}

// Adds the kind to ResourceSpec (model/resources.ts) without model/ importing a kind.
declare module '../../model/resources' {
  interface ResourceSpecs {
    readonly queryDefinition: QueryDefinitionSpec;
  }
}
