// The floors of src/ (docs/architecture.md, "Floors"): model → kinds → pipeline stages
// (config, plan, apply, render, aws) → commands / github → cli.ts / action.ts.
// Type-only imports count: a type that points upward couples the floors just as a value does.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle ties modules together so that neither can be read or tested alone.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'model-imports-no-kind',
      comment: 'model/ is the ground floor: kind-agnostic types that every other floor may use.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { path: '^src/', pathNot: '^src/model/' },
    },
    {
      name: 'kinds-import-no-upper-floor',
      comment:
        'A kind is built from model/ and shared helpers; config, commands, github and cli use kinds, not the reverse.',
      severity: 'error',
      from: { path: '^src/kinds/' },
      to: { path: '^src/(config|commands|github|cli)/|^src/(cli|action|core)\\.ts$' },
    },
    {
      name: 'pipeline-names-no-kind',
      comment: 'Pipeline stages go through the registry (src/kinds/*.ts), never into a kind folder.',
      severity: 'error',
      from: { path: '^src/(plan|apply|render)/|^src/aws/read-live\\.ts$' },
      to: { path: '^src/kinds/[^/]+/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.generated\\.ts$' },
  },
};
