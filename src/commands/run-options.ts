import type { CliOptions } from '../cli/args';
import type { RunOptions } from '../core';

/** The RunOptions a CLI invocation stands for. */
export function runOptionsFromCli(options: CliOptions, env: NodeJS.ProcessEnv): RunOptions {
  return {
    directory: options.directory,
    region: options.region,
    profile: options.profile,
    endpointUrl: options.endpointUrl,
    tagSource: options.tagSource,
    adopt: !options.noAdopt,
    allowMassDelete: options.allowMassDelete,
    maxDeleteShare: options.maxDeleteShare,
    requestTimeoutSeconds: options.requestTimeoutSeconds,
    env,
    credentials: options.profile ? undefined : credentialsFromEnv(env),
    lockWaitSeconds: options.lockTimeoutSeconds,
    lockTtlSeconds: options.lockTtlSeconds,
    quotas: options.quotas,
  };
}

/**
 * Static keys from the given environment, the first link of the SDK's own chain; taken here so the
 * environment a run is given (not whatever process.env holds) decides. Otherwise the SDK chain runs.
 */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): RunOptions['credentials'] {
  const {
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: sessionToken,
  } = env;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}
