import { startEmulator, type EmulatorProcess } from './emulator-process';
import { startMetricMathEcho, type MetricMathEchoProxy } from './metric-math-echo';

declare global {
  var __MONITORS_EMULATOR__: EmulatorProcess | undefined;
  var __MONITORS_METRIC_MATH_ECHO__: MetricMathEchoProxy | undefined;
}

/** Starts one emulator for the whole run; test files isolate themselves by account (see emulator.ts). */
export default async function globalSetup(): Promise<void> {
  const emulator = await startEmulator({ logFile: process.env.MONITORS_EMULATOR_LOG });
  globalThis.__MONITORS_EMULATOR__ = emulator;
  process.env.MONITORS_TEST_ENDPOINT = emulator.endpoint;
  // freshAccount()'s endpoint: the emulator with metric-math alarms' Metrics[] answered back (metric-math-echo.ts).
  const echo = await startMetricMathEcho(emulator.endpoint);
  globalThis.__MONITORS_METRIC_MATH_ECHO__ = echo;
  process.env.MONITORS_TEST_MENDED_ENDPOINT = echo.url;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
