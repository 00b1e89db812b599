#!/usr/bin/env node
// Runs the compiled CLI when present (npm run build), otherwise the TypeScript source through ts-node.
// monitors supports Node 20 (the GitHub Actions runtime); the SDK's advance notice about Node 22 is
// for SDK maintainers, not for people reading a plan. Set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const fs = require('fs');
const path = require('path');
const compiled = path.join(__dirname, '..', 'lib', 'src', 'cli.js');
if (fs.existsSync(compiled)) {
  require(compiled);
} else {
  require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', 'tsconfig.json') });
  require('../src/cli.ts');
}
