import { startEmulator, type EmulatorProcess } from './emulator-process';

declare global {
  var __MONITORS_EMULATOR__: EmulatorProcess | undefined;
}

/** Starts one emulator for the whole run; test files isolate themselves by account (see emulator.ts). */
export default async function globalSetup(): Promise<void> {
  const emulator = await startEmulator({ logFile: process.env.MONITORS_EMULATOR_LOG });
  globalThis.__MONITORS_EMULATOR__ = emulator;
  process.env.MONITORS_TEST_ENDPOINT = emulator.endpoint;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
