import { GetDataProtectionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../../aws/clients';
import type { LiveResource } from '../../model';
import { ALREADY_GONE } from '../shared/idempotent';
import { unknownAction } from '../shared/unknown-action';
import type { KindReader, Ownership } from '../reader';
import { canonicalDocument, markedOwner } from './document';
import type { DataProtectionPolicySpec } from './spec';

/**
 * A log group's policy, canonical; undefined when it has none, when the log group is gone, or when
 * the endpoint does not know the call (an emulator: docs/emulators.md), so every other kind still plans.
 */
export async function readPolicy(
  clients: Pick<AwsClients, 'logs'>,
  logGroupName: string,
): Promise<DataProtectionPolicySpec | undefined> {
  try {
    const out = await clients.logs.send(new GetDataProtectionPolicyCommand({ logGroupIdentifier: logGroupName }));
    // A client that answers nothing (a test's mock of another call) holds no policy either.
    const doc = (out as { policyDocument?: string } | undefined)?.policyDocument;
    if (doc === undefined || doc === '') return undefined;
    return { kind: 'dataProtectionPolicy', logGroupName, document: canonicalDocument(doc) };
  } catch (err) {
    if (unknownAction(err)) return undefined;
    if ((ALREADY_GONE as readonly string[]).includes((err as { name?: string }).name ?? '')) return undefined;
    throw err;
  }
}

/**
 * Data-protection policies: AWS has no listing, so each log group in the stack's scope that the stack
 * owns or the files protect (parent: the log groups it owns or declares) is asked for its one. A
 * policy is the stack's when its document's Name carries the stack (document.ts policyMark); any
 * other is in the plan only when the files protect its log group (adopt: the Name is then rewritten),
 * so a hand-made policy, even on a log group of the stack, is never deleted.
 */
export const dataProtectionPolicyReader: KindReader = {
  kinds: ['dataProtectionPolicy'],
  parent: 'logGroup',
  list(clients) {
    return Promise.resolve(async (ctx, groups) => {
      const declared = ctx.declared('dataProtectionLogGroups');
      const asked = groups.filter((g) => g.spec.kind === 'logGroup' && (g.owned || declared.has(g.spec.name)));
      const resources: LiveResource[] = [];
      await ctx.each(asked, async (g) => {
        const name = g.spec.kind === 'logGroup' ? g.spec.name : '';
        const spec = await readPolicy(clients, name);
        if (!spec) return;
        const owner = markedOwner(spec.document);
        const own: Ownership = owner !== undefined ? ctx.ownership(owner) : { owned: false };
        if (own.owned || declared.has(name)) resources.push({ spec, ...own });
      });
      resources.sort((a, b) =>
        (a.spec.kind === 'dataProtectionPolicy' ? a.spec.logGroupName : '').localeCompare(
          b.spec.kind === 'dataProtectionPolicy' ? b.spec.logGroupName : '',
        ),
      );
      return { resources };
    });
  },
};
