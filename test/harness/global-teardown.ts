/** Stops the emulator (and the proxy in front of it) started by global-setup.ts. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__MONITORS_METRIC_MATH_ECHO__?.close();
  await globalThis.__MONITORS_EMULATOR__?.stop();
}
