/**
 * `npm run build:schema`: assembles schema/monitors.schema.json from its parts (the frame in
 * src/config/monitors-base.schema.json and each kind's src/kinds/<folder>/schema.json), then compiles
 * the project's JSON Schemas into standalone validator code (Ajv's standalone mode), so no command
 * compiles a schema at start-up. Both outputs are committed; test/config/schema-validators.test.ts
 * fails when either no longer matches its sources.
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { format, resolveConfig } from 'prettier';
import { assembleMonitorsSchema } from '../src/config/schema-assemble';

async function main(): Promise<void> {
  const schemaFile = path.join(__dirname, '..', 'schema', 'monitors.schema.json');
  const options = { ...(await resolveConfig(schemaFile)), filepath: schemaFile };
  writeFileSync(schemaFile, await format(JSON.stringify(assembleMonitorsSchema(), null, 2), options));
  console.log(`wrote ${path.relative(process.cwd(), schemaFile)}`);
  // Loaded only now: it reads the schema file just written.
  const { validatorsSource } =
    (await import('../src/config/schema-compile')) as typeof import('../src/config/schema-compile');
  const out = path.join(__dirname, '..', 'src', 'config', 'schema-validators.generated.ts');
  writeFileSync(out, validatorsSource());
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
