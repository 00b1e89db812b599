/**
 * Jest runs TypeScript through ts-jest in transpile-only mode; `npm run typecheck` does the type checking once.
 *
 * With MONITORS_ACTION_NODE set to a node binary (CI: Node 24 installed from npm), the bundled action's
 * tests run a second time as their own project, spawning `dist/index.js` with that binary: the runner's
 * Node (action.yml `runs.using`) is proven in the same jest run, so one JSON result counts both.
 */
const { readFileSync } = require('fs');

const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
};

/** The major version action.yml runs on (`using: node24` → 24). */
const actionNodeMajor = Number(
  /^\s*using:\s*'?node(\d+)'?\s*$/m.exec(readFileSync(`${__dirname}/action.yml`, 'utf8'))?.[1],
);

const actionNode = process.env.MONITORS_ACTION_NODE;
const projects = [{ ...common, displayName: 'node' }];
if (actionNode) {
  projects.push({
    ...common,
    displayName: `action on node ${actionNodeMajor}`,
    testMatch: ['<rootDir>/test/action/**/*.test.ts'],
    globals: { __MONITORS_ACTION_NODE__: actionNode, __MONITORS_ACTION_NODE_MAJOR__: actionNodeMajor },
  });
}

module.exports = {
  projects,
  globalSetup: '<rootDir>/test/harness/global-setup.ts',
  globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
