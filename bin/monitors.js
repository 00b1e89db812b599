#!/usr/bin/env node
// The `monitors` command. Installed from npm, it runs the bundled CLI (lib/monitors.js, built by `npm
// pack`'s prepack step: one file, which starts faster than the ~70 modules of lib/src/) with nothing but
// the runtime dependencies. Inside a checkout of this repository (src/ is there) it runs the bundle only
// when `npm run build` is newer than every file of src/ and schema/, and the TypeScript source through
// ts-node otherwise, so a stale build is never run instead of the code being edited (ts-node starts in
// about a second, the bundle in about a tenth of that).
// Node 20 is supported (engines); the AWS SDK's notice that it will drop Node 20 is meant for SDK
// maintainers, not for people reading a plan. Set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const fs = require('fs');
const path = require('path');
const root = path.join(__dirname, '..');
/** The newest modification time under a directory (0 when it is missing). */
function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      latest = Math.max(latest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return latest;
}
function libIsCurrent() {
  try {
    const built = fs.statSync(path.join(root, 'lib', 'monitors.js')).mtimeMs;
    return built >= newest(path.join(root, 'src')) && built >= newest(path.join(root, 'schema'));
  } catch {
    return false;
  }
}
if (fs.existsSync(path.join(root, 'src', 'cli.ts')) && !libIsCurrent()) {
  require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  require('../src/cli.ts');
} else {
  require('../lib/monitors.js');
}
