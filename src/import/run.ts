/**
 * `monitors import` without the terminal: read the selection, lay it out as files, and check that
 * the files load and that their first plan adopts what was read without changing a field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { resolveAccountId } from '../aws/account';
import { createClients, timeoutsFromSeconds } from '../aws/clients';
import type { TagSource } from '../aws/read-tags';
import { DEFAULT_QUOTAS, RateLimiter, pacing } from '../apply/rate-limiter';
import { loadStack, withAccountId } from '../config/load';
import { ConfigError, keyLabel, MonitorsError, OWNER_TAG, type Change, type LiveResource } from '../model';
import { computePlan } from '../plan/diff-plan';
import { layoutImport, type ImportLayout } from './layout';
import { readSelection } from './read';
import { packSuggestions, type PackSuggestion } from '../kinds/pack/suggest';
import { renderEnvExample, renderImportFile } from './render';
import type { Selection } from './selection';

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
 * Loads the files as plan would (in a scratch directory, secrets from memory) and plans them against
 * what was read: the proof, before anything is written, that they say what AWS has.
 */
async function checkFiles(
  texts: Readonly<Record<string, string>>,
  layout: ImportLayout,
  read: readonly LiveResource[],
  o: { stack: string; region: string; accountId: string },
): Promise<{ drift: string[]; adopts: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-import-'));
  try {
    for (const [name, text] of Object.entries(texts))
      if (name.endsWith('.yaml')) writeFileSync(path.join(dir, name), text);
    const loaded = await loadStack(dir, { env: { ...layout.secretValues }, regionOverride: o.region }).catch(
      (err: unknown) => {
        // Each unbuild leaves out what its form cannot say, so this is a bug in import, not the user's mistake.
        if (!(err instanceof ConfigError)) throw err;
        const first = err.diagnostics.find((d) => d.severity === 'error');
        throw new MonitorsError(
          'INTERNAL',
          `the files import would write do not load, so nothing was written (a bug in import; please report it): ${first ? `${path.basename(first.location.file)}: ${first.message}` : err.message}`,
          'internal',
        );
      },
    );
    const desired = withAccountId(loaded, o.accountId);
    const plan = computePlan(
      desired,
      { region: o.region, accountId: o.accountId, resources: read },
      { adopt: true, allowMassDelete: false, maxDeleteShare: 1, liveFingerprint: '', directory: dir },
    );
    return { drift: beyondAdopting(plan.changes), adopts: plan.changes.filter((c) => c.action === 'adopt').length };
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
  const read = await readSelection(clients, {
    stack: options.stack,
    region: options.region,
    accountId,
    tagSource: options.tagSource ?? (options.endpointUrl ? 'per-resource' : 'tagging-api'),
    selection: options.selection,
  });
  const layout = layoutImport(read, { stack: options.stack, region: options.region, accountId });
  const texts = importTexts(layout);
  const checked =
    layout.count > 0 ? await checkFiles(texts, layout, read, { ...options, accountId }) : { drift: [], adopts: 0 };
  const packs = packSuggestions(read.map((r) => r.spec));
  return { layout, texts, ...checked, calls: clients.calls.snapshot(), packs };
}
