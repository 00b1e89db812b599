/**
 * Recent log events of a log group through FilterLogEvents, without a server-side pattern: our own
 * engine decides the matches (the same one `monitors test` uses), one fetch serves every filter on the
 * group, and minutes with events but no match still yield a filter's default value. Bounded by an event
 * cap and a byte budget; when either stops the fetch, the window is cut where the events end.
 */
import { PageGuard } from '../aws/paging';
import { FilterLogEventsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LogEvent } from '../simulate';
import type { Pacer } from './fetch-metrics';

/** Pages of one log group's fetch: 500 pages of events, or of empty answers, is the end of a backtest's patience. */
const MAX_LOG_PAGES = 500;

/** FilterLogEvents returns at most 10,000 events per page (API reference, `limit`). */
const MAX_PAGE = 10_000;

export interface LogFetch {
  readonly events: readonly LogEvent[];
  readonly bytes: number;
  readonly calls: number;
  /** Set when a cap stopped the fetch: events after this time were not read. */
  readonly cutAt?: number;
  readonly cutBy?: 'events' | 'bytes';
  /** The log group does not exist (yet). */
  readonly missing?: boolean;
}

export async function fetchLogEvents(
  client: CloudWatchLogsClient,
  logGroup: string,
  from: number,
  to: number,
  caps: { readonly maxEvents: number; readonly maxBytes: number },
  pace: Pacer,
): Promise<LogFetch> {
  const events: LogEvent[] = [];
  let bytes = 0;
  let calls = 0;
  let token: string | undefined;
  // Logs answers empty pages with a token over long quiet stretches: a cap, and no token twice.
  const guard = new PageGuard('CloudWatchLogs.FilterLogEvents', MAX_LOG_PAGES);
  do {
    guard.next(token);
    const room = caps.maxEvents - events.length;
    if (room <= 0) return cut('events');
    if (bytes >= caps.maxBytes) return cut('bytes');
    await pace();
    calls += 1;
    const out = await client.send(
      new FilterLogEventsCommand({
        logGroupName: logGroup,
        startTime: from,
        endTime: to - 1,
        limit: Math.min(MAX_PAGE, room),
        nextToken: token,
      }),
    );
    for (const e of out.events ?? []) {
      if (e.timestamp === undefined || e.message === undefined) continue;
      bytes += Buffer.byteLength(e.message, 'utf8');
      events.push({ timestamp: e.timestamp, message: e.message, logGroup });
    }
    token = out.nextToken;
    // A page shorter than asked with no token is the end; a full page with no token (an emulator) too.
    if (!token && events.length >= caps.maxEvents) return cut('events');
  } while (token);
  return { events, bytes, calls };

  function cut(by: 'events' | 'bytes'): LogFetch {
    const last = events.reduce((m, e) => Math.max(m, e.timestamp), from);
    return { events, bytes, calls, cutAt: last, cutBy: by };
  }
}
