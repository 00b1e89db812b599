/**
 * The schema validators are compiled at build time (npm run build:schema) and committed: this fails
 * when the committed code no longer matches the schemas, as check-dist does for the action bundle.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { assembleMonitorsSchema } from '../../src/config/schema-assemble';
import { validatorsSource } from '../../src/config/schema-compile';
import { validateMonitorsFile, validateTestsFile } from '../../src/config/schema-validators.generated';

test('the committed schema is its parts assembled now: the frame and each kind folder’s schema.json (else run npm run build:schema)', () => {
  const committed = JSON.parse(
    readFileSync(path.join(__dirname, '../../schema/monitors.schema.json'), 'utf8'),
  ) as unknown;
  // Compared as JSON text, so a section out of the modules' order fails too.
  expect(JSON.stringify(committed, null, 1)).toBe(JSON.stringify(assembleMonitorsSchema(), null, 1));
});

test('the committed standalone validators are the schemas compiled now (else run npm run build:schema)', () => {
  const committed = readFileSync(path.join(__dirname, '../../src/config/schema-validators.generated.ts'), 'utf8');
  expect(committed === validatorsSource()).toBe(true);
});

test('the precompiled validators accept a valid file and report, verbosely, what is wrong with another', () => {
  expect(validateMonitorsFile({ stack: { name: 'shop' } })).toBe(true);
  expect(validateMonitorsFile({ stack: { name: 'shop', colour: 'red' } })).toBe(false);
  const err = validateMonitorsFile.errors?.[0];
  expect(err).toMatchObject({ keyword: 'additionalProperties', params: { additionalProperty: 'colour' } });
  // verbose: the schema around the error (its allowed keys) is there for the message's suggestions.
  expect(Object.keys((err?.parentSchema as { properties: object }).properties)).toContain('formerNames');
  expect(validateTestsFile({ nonsense: true })).toBe(false);
});
