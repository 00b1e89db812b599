import { STSClient } from '@aws-sdk/client-sts';

/**
 * The region the SDK's default chain gives when a stack names none: AWS_REGION from the run's
 * environment, then the shared config profile's `region`. Reads local configuration only, no network.
 */
export async function defaultChainRegion(
  env: NodeJS.ProcessEnv,
  profile?: string,
): Promise<{ readonly region: string; readonly from: string } | undefined> {
  if (env.AWS_REGION) return { region: env.AWS_REGION, from: 'AWS_REGION' };
  try {
    const region = await new STSClient({ profile }).config.region();
    const name = profile ?? env.AWS_PROFILE ?? 'default';
    return region ? { region, from: `the region of AWS profile "${name}"` } : undefined;
  } catch {
    // "Region is missing": the chain has nothing, which the loader reports in its own words.
    return undefined;
  }
}
