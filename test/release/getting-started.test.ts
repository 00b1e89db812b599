/**
 * docs/getting-started.md claims only what works: no registry install (the package is not published),
 * the release asset named as `npm pack` names it, commands that exist, and the role secrets the
 * workflows read.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { HELP } from '../../src/cli/args';
import { ROLE_SECRETS } from '../../src/setup/roles-template';

const ROOT = path.join(__dirname, '..', '..');
const page = readFileSync(path.join(ROOT, 'docs', 'getting-started.md'), 'utf8');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string };

test('no shell line installs from the npm registry', () => {
  const installs = [...page.matchAll(/^npm install[^\n]*$/gm)].map((m) => m[0]);
  expect(installs.length).toBeGreaterThanOrEqual(2);
  for (const line of installs) expect(line).toMatch(/ (https:\/\/\S+\.tgz|github:\S+)$/);
});

test('the release asset is named as npm pack names the tarball', () => {
  const asset = /releases\/download\/v(\d+\.\d+\.\d+)\/(\S+\.tgz)/.exec(page);
  expect(asset?.[2]).toBe(`${manifest.name}-${asset?.[1]}.tgz`);
});

test('every "npx monitors <command>" is a command the CLI has', () => {
  const used = new Set([...page.matchAll(/npx monitors ([a-z-]+)/g)].map((m) => m[1] as string));
  for (const c of used) if (!c.startsWith('-')) expect([c, HELP.main.includes(`\n  ${c} `)]).toEqual([c, true]);
});

test('the role secrets are the ones the workflows read', () => {
  for (const name of Object.values(ROLE_SECRETS)) {
    expect(page).toContain(`\`${name}\``);
    for (const f of ['monitors-plan.yml', 'monitors-apply.yml', 'monitors-drift.yml']) {
      const text = readFileSync(path.join(ROOT, '.github', 'workflows', f), 'utf8');
      if (text.includes('role-to-assume')) expect(Object.values(ROLE_SECRETS).some((n) => text.includes(n))).toBe(true);
    }
  }
});
