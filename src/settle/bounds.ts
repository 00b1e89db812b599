/** The bounds of a --settle window, in a leaf module: the CLI's argument parser loads no SDK for them. */
import { MonitorsError } from '../model';

/** "a minimum of 1 minute (PT1M) and maximum of 15 days (P15D)" (the mute rule's Schedule.Duration). */
export const MIN_SETTLE_SECONDS = 60;
export const MAX_SETTLE_SECONDS = 15 * 86_400;

/** The seconds of a --settle value, checked against the mute rule's bounds. */
export function checkSettleSeconds(seconds: number, what: string): number {
  if (!Number.isInteger(seconds) || seconds < MIN_SETTLE_SECONDS || seconds > MAX_SETTLE_SECONDS) {
    throw new MonitorsError('USAGE', `${what} must be between 1m and 15d (a mute rule's window), e.g. 10m`);
  }
  return seconds;
}

/** The prefix of a stack's settle rules: the apply policy scopes the mute-rule writes to it. */
export function settleRulePrefix(stack: string): string {
  return `monitors-settle-${stack}-`;
}
