import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { MonitorsError } from '../model';

/**
 * The account the credentials belong to. Topic ARNs in alarm actions need it before anything
 * exists, so it cannot be read off a listing; STS answers for any valid credentials.
 */
export async function resolveAccountId(sts: STSClient): Promise<string> {
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    if (!identity.Account) throw new Error('GetCallerIdentity returned no account');
    return identity.Account;
  } catch (err) {
    // A timeout already names the operation and the endpoint (clients.ts).
    if (err instanceof MonitorsError) throw err;
    const e = err as Error;
    if (e.name === 'CredentialsProviderError' || /credential/i.test(e.message)) {
      throw new MonitorsError(
        'AWS_CREDENTIALS',
        'no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run in a role',
        'user',
        { cause: err },
      );
    }
    if (/region/i.test(e.message)) {
      throw new MonitorsError('AWS_CREDENTIALS', 'no AWS region: set stack.region, --region or AWS_REGION', 'user', {
        cause: err,
      });
    }
    throw new MonitorsError('AWS_SERVICE', `sts.GetCallerIdentity: ${e.name}: ${e.message}`, 'internal', {
      cause: err,
    });
  }
}
