/**
 * The SDK's paginators (paginate*) send every page with one input object they mutate, so a request
 * recorded or logged once shows the last page's token. Each page's command gets its own copy here.
 */
export function paged<C>(client: C, pageSize?: number) {
  return {
    client,
    ...(pageSize !== undefined ? { pageSize } : {}),
    withCommand: <T extends { input: object }>(command: T): T =>
      Object.assign(command, { input: { ...command.input } }),
  };
}
