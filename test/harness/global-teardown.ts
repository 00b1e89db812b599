/** Stops the emulator started by global-setup.ts. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__MONITORS_EMULATOR__?.stop();
}
