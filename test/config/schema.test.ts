/** The schema is what editors show: every property explains itself, and every example file points at it. */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import schema from '../../schema/monitors.schema.json';

type Node = {
  properties?: Record<string, Node>;
  items?: Node;
  additionalProperties?: Node | boolean;
  description?: string;
};

function undocumented(node: Node, at: string, out: string[]): string[] {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (!child.description) out.push(`${at}.${key}`);
    undocumented(child, `${at}.${key}`, out);
  }
  if (node.items) undocumented(node.items, `${at}[]`, out);
  if (typeof node.additionalProperties === 'object') undocumented(node.additionalProperties, `${at}.*`, out);
  return out;
}

test('every property in the schema has a description for hover help', () => {
  expect(undocumented(schema as Node, '$', [])).toEqual([]);
});

test('the schema is JSON Schema 2020-12 and closed to unknown keys at the top', () => {
  expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  expect(schema.additionalProperties).toBe(false);
});

test('every file in monitors/ starts with the yaml-language-server schema line', () => {
  const dir = path.join(__dirname, '..', '..', 'monitors');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    expect([f, readFileSync(path.join(dir, f), 'utf8').split('\n')[0]]).toEqual([
      f,
      '# yaml-language-server: $schema=../schema/monitors.schema.json',
    ]);
  }
});
