/**
 * `monitors import` without the terminal: read the selection, lay it out as files, and check that
 * the files load and that their first plan adopts what was read without changing a field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { resolveAccountId } from '../aws/account';
import { createClients, timeoutsFromSeconds, type AwsClients } from '../aws/clients';
import { readLiveState } from '../aws/read-live';
import { declaredNames } from '../iam-policy';
import type { TagSource } from '../aws/read-tags';
import { DEFAULT_QUOTAS, RateLimiter, pacing } from '../apply/rate-limiter';
import { loadStack, withAccountId } from '../config/load';
import { ConfigError, MonitorsError, OWNER_TAG, type Change } from '../model';
import { computePlan } from '../plan/diff-plan';
import { layoutImport, type ImportLayout } from './layout';
import { readSelection } from './read';
import { packSuggestions, type PackSuggestion } from '../kinds/pack/suggest';
import { renderEnvExample, renderImportFile } from './render';
import type { Selection } from './selection';
import { keyLabel } from '../kinds/keys';

export interface ImportOptions {
  readonly stack: string;
  readonly region: string;
  readonly selection: Selection;
  readonly endpointUrl?: string;
  readonly profile?: string;
  readonly tagSource?: TagSource;
  readonly requestTimeoutSeconds?: number;
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
}

/** The files to write (name → text) and what the run found. */
export interface ImportResult {
  readonly layout: ImportLayout;
  readonly texts: Readonly<Record<string, string>>;
  /** Changes of the first plan beyond adopting (a field it would change, a resource it would create): should be none. */
  readonly drift: readonly string[];
  /** What the first plan would delete that the stack already owns (outside the selection, or its forwarder): should be none. */
  readonly deletes: readonly string[];
  readonly adopts: number;
  readonly calls: Readonly<Record<string, number>>;
  /** Alarms read that are AWS's recommended alarms of a service: a pack could replace them (docs/packs.md). */
  readonly packs: readonly PackSuggestion[];
}

/** The text of every file an import writes, `.env.example` included when secrets are referenced. */
export function importTexts(layout: ImportLayout): Record<string, string> {
  const texts: Record<string, string> = Object.fromEntries(layout.files.map((f) => [f.name, renderImportFile(f)]));
  if (layout.secrets.length > 0) texts['.env.example'] = renderEnvExample(layout.secrets);
  return texts;
}

/** What a first plan of these files would do beyond adopting: a change that is not an adopt, or an adopt that changes a field. */
function beyondAdopting(changes: readonly Change[]): string[] {
  return changes.flatMap((c) => {
    if (c.action === 'noop') return [];
    if (c.action === 'adopt') {
      const fields = c.diffs.filter((d) => d.path !== `tags.${OWNER_TAG}`).map((d) => d.path);
      return fields.length > 0 ? [`${keyLabel(c.key)}: ${fields.join(', ')} would change`] : [];
    }
    return [`${keyLabel(c.key)} would be ${c.action === 'create' ? 'created' : `${c.action}d`}`];
  });
}

/**
 * Loads the files as plan would (in a scratch directory, secrets from memory) and plans them as
 * `monitors plan` would, against the stack's whole live scope (what it owns besides what was
 * selected, its chat forwarder included): the proof, before anything is written, that they say what
 * AWS has, and that their first plan deletes nothing the stack already owns.
 */
async function checkFiles(
  texts: Readonly<Record<string, string>>,
  layout: ImportLayout,
  clients: AwsClients,
  o: { stack: string; region: string; accountId: string; tagSource: TagSource; endpointUrl?: string },
): Promise<{ drift: string[]; deletes: string[]; adopts: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-import-'));
  try {
    for (const [name, text] of Object.entries(texts))
      if (name.endsWith('.yaml')) writeFileSync(path.join(dir, name), text);
    // Against an emulator, a chat webhook read back may be loopback http, as plan then accepts it.
    const loaded = await loadStack(dir, {
      env: { ...layout.secretValues },
      regionOverride: o.region,
      loopbackWebhooks: o.endpointUrl !== undefined,
    }).catch((err: unknown) => {
      // Each unbuild leaves out what its form cannot say, so this is a bug in import, not the user's mistake.
      if (!(err instanceof ConfigError)) throw err;
      const first = err.diagnostics.find((d) => d.severity === 'error');
      throw new MonitorsError(
        'INTERNAL',
        `the files import would write do not load, so nothing was written (a bug in import; please report it): ${first ? `${path.basename(first.location.file)}: ${first.message}` : err.message}`,
        'internal',
      );
    });
    const desired = withAccountId(loaded, o.accountId);
    const live = await readLiveState(clients, {
      stack: o.stack,
      region: o.region,
      accountId: o.accountId,
      tagSource: o.tagSource,
      declared: { logGroups: [], alarms: [], topics: [], ...declaredNames(desired.resources) },
    });
    const plan = computePlan(desired, live, {
      adopt: true,
      allowMassDelete: false,
      maxDeleteShare: 1,
      liveFingerprint: '',
      directory: dir,
    });
    const deletes = plan.changes.filter((c) => c.action === 'delete');
    return {
      drift: beyondAdopting(plan.changes.filter((c) => c.action !== 'delete')),
      deletes: deletes.map((c) => keyLabel(c.key)),
      adopts: plan.changes.filter((c) => c.action === 'adopt').length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads the selection and lays it out; writes nothing. */
export async function runImport(options: ImportOptions): Promise<ImportResult> {
  const clients = createClients({
    region: options.region,
    endpoint: options.endpointUrl,
    profile: options.profile,
    credentials: options.credentials,
    timeouts:
      options.requestTimeoutSeconds === undefined ? undefined : timeoutsFromSeconds(options.requestTimeoutSeconds),
  });
  // Paced as plan is: an import of a large account must never be throttled.
  clients.calls.setBeforeCall(pacing(new RateLimiter({ ...DEFAULT_QUOTAS })));
  const accountId = await resolveAccountId(clients.sts);
  const tagSource = options.tagSource ?? (options.endpointUrl ? 'per-resource' : 'tagging-api');
  const read = await readSelection(clients, {
    stack: options.stack,
    region: options.region,
    accountId,
    tagSource,
    selection: options.selection,
  });
  const layout = layoutImport(read, { stack: options.stack, region: options.region, accountId });
  const texts = importTexts(layout);
  const checked =
    layout.count > 0
      ? await checkFiles(texts, layout, clients, { ...options, accountId, tagSource })
      : { drift: [], deletes: [], adopts: 0 };
  const packs = packSuggestions(read.map((r) => r.spec));
  return { layout, texts, ...checked, calls: clients.calls.snapshot(), packs };
}
