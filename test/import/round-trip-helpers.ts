/** Through import's layout and the real loader: what a set of live specs becomes once written and read back. */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { loadStack, withAccountId } from '../../src/config/load';
import { layoutImport, type ImportLayout } from '../../src/import/layout';
import { importTexts } from '../../src/import/run';
import { keyId, type LiveResource, type ResourceSpec } from '../../src/model';
import { keyOf } from '../../src/kinds/keys';

export const STACK = 'shop';
export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

/** Lays the specs out as import would, loads the files, and returns the specs they declare, by key. */
export async function writtenAndRead(
  specs: readonly ResourceSpec[],
): Promise<{ layout: ImportLayout; texts: Record<string, string>; built: Map<string, ResourceSpec> }> {
  const live: LiveResource[] = specs.map((spec) => ({ spec, owned: true }));
  const layout = layoutImport(live, { stack: STACK, region: REGION, accountId: ACCOUNT });
  const texts = importTexts(layout);
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-unbuild-'));
  try {
    for (const [name, text] of Object.entries(texts)) writeFileSync(path.join(dir, name), text);
    const loaded = withAccountId(
      await loadStack(dir, { env: { ...layout.secretValues }, regionOverride: REGION }),
      ACCOUNT,
    );
    const built = new Map(loaded.resources.map((r) => [keyId(keyOf(r.spec, REGION)), r.spec]));
    return { layout, texts, built };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The specs by key, as `built` holds them. */
export function byKey(specs: readonly ResourceSpec[]): Map<string, ResourceSpec> {
  return new Map(specs.map((s) => [keyId(keyOf(s, REGION)), s]));
}
