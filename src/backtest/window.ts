/** The backtest window: the user's --since, cut to what CloudWatch keeps at the alarm's period. */
import { MonitorsError } from '../model';

/** Parses "14d", "36h", "90m" into seconds. */
export function parseSince(text: string): number {
  const m = /^(\d{1,5})([mhd])$/.exec(text.trim());
  if (!m)
    throw new MonitorsError(
      'USAGE',
      `--since must be a number of minutes, hours or days (90m, 36h, 14d), got "${text}"`,
    );
  const n = Number(m[1]);
  const unit = m[2] === 'd' ? 86400 : m[2] === 'h' ? 3600 : 60;
  if (n < 1) throw new MonitorsError('USAGE', `--since must be at least 1${m[2]}`);
  return n * unit;
}

/**
 * How long CloudWatch keeps datapoints at a period (GetMetricData API reference, "Amazon CloudWatch
 * retains metric data as follows"): under 60 s for 3 hours, 60 s for 15 days, 300 s for 63 days,
 * 3600 s for 455 days. Older data is only available at a coarser period, which is a different alarm.
 */
export function retentionSeconds(periodSeconds: number): number {
  if (periodSeconds < 60) return 3 * 3600;
  if (periodSeconds < 300) return 15 * 86400;
  if (periodSeconds < 3600) return 63 * 86400;
  return 455 * 86400;
}

/** The window [from, to] for an alarm's period, aligned to period boundaries, and a note when it was cut. */
export function windowFor(
  now: number,
  sinceSeconds: number,
  periodSeconds: number,
): { from: number; to: number; note?: string } {
  const p = periodSeconds * 1000;
  const to = Math.floor(now / p) * p;
  const kept = retentionSeconds(periodSeconds);
  const span = Math.min(sinceSeconds, kept);
  const from = to - Math.floor((span * 1000) / p) * p;
  const note =
    span < sinceSeconds
      ? `window cut to ${formatDuration(span * 1000)}: CloudWatch keeps ${periodSeconds}-second datapoints that long`
      : undefined;
  return { from, to, note };
}

/** "3d 4h", "2h 15m", "45m", "0m"; under a minute in seconds ("10s"), as a 10-second period is not "0m". */
export function formatDuration(ms: number): string {
  if (ms > 0 && ms < 59_500) return `${Math.max(1, Math.round(ms / 1000))}s`;
  const minutes = Math.round(ms / 60000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m || (!d && !h) ? `${m}m` : ''].filter((x) => x);
  return parts.join(' ');
}

/** "2026-11-24 10:05 UTC". */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
