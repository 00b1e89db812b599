import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { MonitorsError } from '../model';
import type { Timeouts } from './timeouts';

/** Credentials as the SDK's clients take them. */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Renewed this long before they expire, so no request is signed with credentials about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * A credential provider for one target's role: sts:AssumeRole from the run's own credentials (the
 * SDK's chain: env, profile, web identity), once, shared by all of the target's clients and renewed
 * before it expires. Written on the STS client the project already uses rather than taking
 * @aws-sdk/credential-providers, whose bundle carries every provider (Cognito's client among them).
 */
export function assumeRoleProvider(options: {
  readonly role: string;
  readonly target: string;
  readonly region: string;
  readonly endpoint?: string;
  readonly profile?: string;
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  readonly timeouts: Timeouts;
}): () => Promise<TemporaryCredentials> {
  let current: Promise<TemporaryCredentials> | undefined;
  const sts = new STSClient({
    region: options.region,
    endpoint: options.endpoint,
    profile: options.profile,
    credentials: options.credentials ? { ...options.credentials } : undefined,
    requestHandler: { connectionTimeout: options.timeouts.connectMs, requestTimeout: options.timeouts.requestMs },
  });
  const assume = async (): Promise<TemporaryCredentials> => {
    try {
      const out = await sts.send(
        new AssumeRoleCommand({ RoleArn: options.role, RoleSessionName: `monitors-${options.target}`.slice(0, 64) }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole returned no credentials');
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
      };
    } catch (err) {
      const e = err as Error;
      throw new MonitorsError(
        'AWS_CREDENTIALS',
        `target ${options.target}: cannot assume ${options.role}: ${e.name}: ${e.message}`,
        'user',
        { cause: err },
      );
    }
  };
  return async () => {
    const held = current && (await current.catch(() => undefined));
    if (held && (!held.expiration || held.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS)) return held;
    current = assume();
    return current;
  };
}
