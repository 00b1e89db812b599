import { MonitorsError } from '../model';

/** The shape of every AWS region name (us-east-1, ap-southeast-2, us-gov-west-1, eu-central-2). */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;

/** Refuses a region that cannot exist before any AWS call, naming where the value came from. */
export function checkRegionName(region: string, from: string): string {
  if (!REGION_NAME.test(region)) {
    throw new MonitorsError(
      'USAGE',
      `${from} "${region}" is not an AWS region: expected a name like us-east-1 or eu-west-2`,
    );
  }
  return region;
}
