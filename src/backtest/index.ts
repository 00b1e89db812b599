/** Backtest: replays the history of created or changed alarms through the simulator (issue 14). */
export { runBacktest, backtestTargets, type BacktestOptions } from './run';
export { renderBacktestText, renderBacktestMarkdown, backtestJson, verdict, costLine } from './render';
export { parseSince } from './window';
export { DEFAULT_LIMITS, type BacktestReport, type BacktestEntry, type BacktestLimits } from './types';
