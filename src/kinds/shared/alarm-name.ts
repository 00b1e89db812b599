/** AWS's longest alarm name; the loader refuses a longer one (config/build.ts), so import cannot write it. */
export const MAX_ALARM_NAME = 255;

/**
 * Why an alarm read from AWS cannot be written as an entry: a name over AWS's limit (an emulator, or
 * an older limit, let it exist) would make the imported files fail to load and abort the whole import.
 */
export function alarmNameProblem(name: string): string | undefined {
  return name.length > MAX_ALARM_NAME
    ? `its name is ${name.length} characters, over the ${MAX_ALARM_NAME} AWS allows, so no file can declare it`
    : undefined;
}
