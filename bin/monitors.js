#!/usr/bin/env node
// The `monitors` command. Installed from npm, it runs the compiled CLI (lib/, built by `npm pack`'s
// prepack step) with nothing but the runtime dependencies. Inside a checkout of this repository (src/ is
// there) it runs the TypeScript source through ts-node, so a lib/ left over from an earlier pack is never
// run instead of the code being edited.
// Node 20 is supported (engines); the AWS SDK's notice that it will drop Node 20 is meant for SDK
// maintainers, not for people reading a plan. Set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, '..');
if (fs.existsSync(path.join(root, 'src', 'cli.ts'))) {
  require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  require('../src/cli.ts');
} else {
  require('../lib/src/cli.js');
}
