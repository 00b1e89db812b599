/**
 * AWS's own verdict on a pattern: TestMetricFilter over log lines, 50 per call (its limit), for
 * `monitors match --aws`. Empty lines are not sent because AWS refuses empty messages.
 */
import { TestMetricFilterCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';

/** TestMetricFilter accepts at most this many messages per call. */
export const TEST_METRIC_FILTER_BATCH = 50;

export async function testMetricFilter(
  logs: CloudWatchLogsClient,
  pattern: string,
  lines: readonly string[],
): Promise<{ matched: Set<number>; skipped: Set<number> }> {
  const matched = new Set<number>();
  const skipped = new Set<number>();
  // Line numbers (1-based) of the lines AWS can be sent.
  const sendable: number[] = [];
  lines.forEach((l, i) => (l === '' ? skipped.add(i + 1) : sendable.push(i + 1)));
  for (let start = 0; start < sendable.length; start += TEST_METRIC_FILTER_BATCH) {
    const batch = sendable.slice(start, start + TEST_METRIC_FILTER_BATCH);
    const response = await logs.send(
      new TestMetricFilterCommand({
        filterPattern: pattern,
        logEventMessages: batch.map((n) => lines[n - 1] as string),
      }),
    );
    for (const m of response.matches ?? []) {
      // The same message always gets the same verdict, so matching by text is exact and does not
      // depend on whether eventNumber counts from 0 or 1 (the API reference does not say).
      if (m.eventMessage !== undefined) {
        for (const n of batch) if (lines[n - 1] === m.eventMessage) matched.add(n);
      } else if (m.eventNumber !== undefined) {
        const n = batch[m.eventNumber - 1];
        if (n !== undefined) matched.add(n);
      }
    }
  }
  return { matched, skipped };
}
