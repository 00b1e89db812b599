#!/usr/bin/env node
// Runs the compiled CLI when present (npm run build), otherwise the TypeScript source through ts-node.
const fs = require('fs');
const path = require('path');
const compiled = path.join(__dirname, '..', 'lib', 'src', 'cli.js');
if (fs.existsSync(compiled)) {
  require(compiled);
} else {
  require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
  require('../src/cli.ts');
}
