/**
 * `npm run build:schema`: compiles the project's JSON Schemas into standalone validator code (Ajv's
 * standalone mode), so no command compiles a schema at start-up. The output is committed; a test
 * (test/config/schema-validators.test.ts) fails when it no longer matches the schemas.
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { validatorsSource } from '../src/config/schema-compile';

const out = path.join(__dirname, '..', 'src', 'config', 'schema-validators.generated.ts');
writeFileSync(out, validatorsSource());
console.log(`wrote ${path.relative(process.cwd(), out)}`);
