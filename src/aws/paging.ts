import { MonitorsError } from '../model';

/**
 * The most pages one listing may take. Far above a real account (DescribeAlarms at 100 a page is
 * 200,000 alarms), yet an endpoint that pages without end stops the run with a message naming the
 * listing instead of never ending.
 */
export const MAX_PAGES = 2_000;

/** The names paginated AWS APIs give their page token, in requests. */
const TOKEN_KEYS = ['NextToken', 'nextToken', 'Marker', 'NextMarker', 'PaginationToken', 'ContinuationToken'];

/**
 * Counts the pages of one listing and remembers its tokens: a token seen before (an endpoint that
 * answers the same page again and again) or more than `cap` pages is an error naming the listing.
 */
export class PageGuard {
  private pages = 0;
  private readonly seen = new Set<string>();

  constructor(
    private readonly call: string,
    private readonly cap: number = MAX_PAGES,
  ) {}

  /** Before each page's request, with the token it sends (undefined for the first page). */
  next(token: string | undefined): void {
    this.pages += 1;
    if (token !== undefined && this.seen.has(token)) {
      throw new MonitorsError(
        'AWS_SERVICE',
        `${this.call} answered a page token it had already given (page ${this.pages}): the listing would never end. ` +
          'AWS never repeats a token; the endpoint is not behaving like AWS.',
      );
    }
    if (this.pages > this.cap) {
      throw new MonitorsError(
        'AWS_SERVICE',
        `${this.call} still had more pages after ${this.cap}, the cap per listing: stopped. ` +
          'The endpoint keeps answering a next page (FilterLogEvents does over long empty stretches); narrow the request.',
      );
    }
    if (token !== undefined) this.seen.add(token);
  }
}

/** "CloudWatchLogs" for the SDK's "CloudWatch Logs": the service as the call counter names it. */
function serviceOf(client: unknown): string {
  const id = (client as { config?: { serviceId?: string } }).config?.serviceId ?? 'AWS';
  return id === 'Resource Groups Tagging API' ? 'Tagging' : id.replace(/\s+/g, '');
}

/**
 * The SDK's paginators (paginate*) send every page with one input object they mutate, so a request
 * recorded or logged once shows the last page's token. Each page's command gets its own copy here,
 * and each page passes a PageGuard (a cap, no repeated token).
 */
export function paged<C>(client: C, pageSize?: number, cap = MAX_PAGES) {
  let guard: PageGuard | undefined;
  return {
    client,
    ...(pageSize !== undefined ? { pageSize } : {}),
    withCommand: <T extends { input: object }>(command: T): T => {
      const input = command.input as Record<string, unknown>;
      const operation = command.constructor.name.replace(/Command$/, '');
      guard ??= new PageGuard(`${serviceOf(client)}.${operation}`, cap);
      const key = TOKEN_KEYS.find((k) => typeof input[k] === 'string');
      guard.next(key ? (input[key] as string) : undefined);
      return Object.assign(command, { input: { ...command.input } });
    },
  };
}
