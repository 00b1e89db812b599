/**
 * Every kind can be imported: it has an unbuild (kinds/<kind>/unbuild.ts) in the UNBUILDS table, for
 * the section its build reads. A new kind without one fails here, by name.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { UNBUILDS } from '../../src/kinds/unbuilds';
import { RESOURCE_KINDS } from '../../src/kinds/registry';

const FOLDER: Record<string, string> = {};
for (const kind of RESOURCE_KINDS) FOLDER[kind] = kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

test.each(RESOURCE_KINDS.map((k) => [k]))('kind %s has an unbuild in its folder, given in its module.ts', (kind) => {
  const entry = (UNBUILDS as unknown as Record<string, { unbuild?: unknown; section?: unknown } | undefined>)[kind];
  if (!entry || typeof entry.unbuild !== 'function')
    throw new Error(
      `kind "${kind}" has no unbuild: add src/kinds/${FOLDER[kind]}/unbuild.ts and give it in that folder's module.ts`,
    );
  expect(typeof entry.section).toBe('string');
  expect(existsSync(path.join(__dirname, '..', '..', 'src', 'kinds', FOLDER[kind] as string, 'unbuild.ts'))).toBe(true);
});
