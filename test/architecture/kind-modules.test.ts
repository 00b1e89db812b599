/**
 * A kind is its folder plus one line in kinds/registry.ts (docs/architecture.md): every table the
 * stages use is gathered from the module list, so these check what the compiler cannot: that every
 * folder with a module is listed, that every kind is whole (handler, reader, unbuild), that readers
 * come after their parents, that each folder's schema.json holds exactly the sections its forms read,
 * and that the AWS half stays behind `aws()` so validate and test load no SDK.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { assembleMonitorsSchema } from '../../src/config/schema-assemble';
import { HANDLERS, READERS } from '../../src/kinds';
import type { KindModule } from '../../src/kinds/module';
import { MODULES, RESOURCE_KINDS } from '../../src/kinds/registry';

const ROOT = path.join(__dirname, '..', '..');
const KINDS_DIR = path.join(ROOT, 'src', 'kinds');

test('every folder with a module.ts is listed in kinds/registry.ts, under its own folder name', () => {
  const withModule = readdirSync(KINDS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(KINDS_DIR, e.name, 'module.ts')))
    .map((e) => e.name)
    .sort();
  expect(withModule.length).toBeGreaterThan(10);
  expect(MODULES.map((m) => m.folder).sort()).toEqual(withModule);
});

test('every kind has a handler and a reader that produces it, and a reader comes after its parent’s', () => {
  for (const kind of RESOURCE_KINDS) {
    expect([kind, HANDLERS[kind]?.kind]).toEqual([kind, kind]);
    expect([kind, READERS.some((r) => r.kinds.includes(kind))]).toEqual([kind, true]);
  }
  READERS.forEach((r, i) => {
    if (!r.parent) return;
    const parentAt = READERS.findIndex((p) => p.kinds.includes(r.parent as never));
    expect([r.kinds.join(','), parentAt >= 0 && parentAt < i]).toEqual([r.kinds.join(','), true]);
  });
});

test('each module’s schema.json holds exactly the sections its forms read (the assembly says which)', () => {
  const src = mkdtempSync(path.join(tmpdir(), 'schema-parts-'));
  mkdirSync(path.join(src, 'config'));
  mkdirSync(path.join(src, 'kinds', 'mute'), { recursive: true });
  writeFileSync(path.join(src, 'config', 'monitors-base.schema.json'), JSON.stringify({ properties: { stack: {} } }));
  const form = (key: string) => ({ key, build: () => undefined });
  const mute: KindModule = { folder: 'mute', forms: [form('muteRules')] };
  // No schema.json at all: the section is missing.
  expect(() => assembleMonitorsSchema([mute], src)).toThrow(/src\/kinds\/mute\/schema.json.*missing: muteRules/);
  // A section no form reads.
  writeFileSync(path.join(src, 'kinds', 'mute', 'schema.json'), JSON.stringify({ muteRules: {}, mutes: {} }));
  expect(() => assembleMonitorsSchema([mute], src)).toThrow(/not read by any form: mutes/);
  writeFileSync(path.join(src, 'kinds', 'mute', 'schema.json'), JSON.stringify({ muteRules: { type: 'array' } }));
  expect(assembleMonitorsSchema([mute], src).properties).toEqual({ stack: {}, muteRules: { type: 'array' } });
  // The real modules assemble, every section once.
  expect(Object.keys(assembleMonitorsSchema().properties as object)).toEqual([
    'stack',
    ...MODULES.flatMap((m) => (m.forms ?? []).map((f) => f.key)),
  ]);
});

test('validate and test load no AWS SDK: each module’s AWS half loads only through aws()', () => {
  const script = [
    "require('./src/commands/validate');",
    "require('./src/commands/test');",
    'const loaded = Object.keys(require.cache);',
    "const sdk = loaded.filter((m) => m.includes('@aws-sdk'));",
    'const halves = loaded.filter((m) => /src[\\\\/]kinds[\\\\/][^\\\\/]+[\\\\/]aws\\.ts$/.test(m));',
    'console.log(JSON.stringify({ modules: loaded.length, sdk: sdk.length, halves: halves.length }));',
  ].join('\n');
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const seen = JSON.parse(out) as { modules: number; sdk: number; halves: number };
  expect(seen.modules).toBeGreaterThan(50);
  expect({ sdk: seen.sdk, halves: seen.halves }).toEqual({ sdk: 0, halves: 0 });
});
