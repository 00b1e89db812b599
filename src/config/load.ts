import {
  ConfigError,
  MonitorsError,
  type Diagnostic,
  type DesiredResource,
  type DesiredStack,
  type SecretValue,
  type StackSettings,
} from '../model';
import { buildFile, PLACEHOLDER_ACCOUNT, type Reference } from './build';
import { crossFileChecks } from './checks';
import { resolveEnv } from './env';
import type { RawFile, RawStack } from './raw';
import { schemaDiagnostics } from './schema-validate';
import { findYamlFiles, locate, parseFile, type SourceFile } from './source';

/** How to load: where `${env:}` values come from, and an optional region override. */
export interface LoadOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly regionOverride?: string;
}

const NO_LOCATION = (file: string) => ({ file, line: 1, column: 1 });

/**
 * Loads a monitors directory: every file parsed, resolved, validated and checked, all problems
 * reported together. Throws ConfigError when any is an error. Makes no AWS call.
 */
export async function loadStack(dir: string, options: LoadOptions = {}): Promise<DesiredStack> {
  let paths: string[];
  try {
    paths = await findYamlFiles(dir);
  } catch (err) {
    throw new MonitorsError('NO_FILES', `cannot read directory ${dir}: ${(err as Error).message}`, 'user', {
      cause: err,
    });
  }
  const diagnostics: Diagnostic[] = [];
  if (paths.length === 0) {
    diagnostics.push({
      severity: 'error',
      code: 'NO_FILES',
      message: `no *.yaml or *.yml files under ${dir}: is the directory right?`,
      location: NO_LOCATION(dir),
    });
    throw new ConfigError(diagnostics);
  }

  const secrets: SecretValue[] = [];
  const files: { src: SourceFile; raw: RawFile }[] = [];
  for (const p of paths) {
    const { source, errors } = await parseFile(p);
    diagnostics.push(...errors);
    if (errors.length > 0) continue;
    diagnostics.push(...resolveEnv(source, options.env ?? process.env, secrets));
    const raw = source.doc.toJS() as unknown;
    const schemaErrors = schemaDiagnostics(source, raw);
    diagnostics.push(...schemaErrors);
    if (schemaErrors.length === 0 && raw) files.push({ src: source, raw: raw as RawFile });
  }

  const stackFiles = files.filter((f) => f.raw.stack);
  if (stackFiles.length === 0 && diagnostics.length === 0) {
    diagnostics.push({
      severity: 'error',
      code: 'SCHEMA',
      message: `no file under ${dir} declares the stack: add a "stack:" block with name and region to one file`,
      location: NO_LOCATION(files[0]?.src.file ?? dir),
    });
  }
  for (const extra of stackFiles.slice(1)) {
    const first = stackFiles[0] as { src: SourceFile };
    const at = locate(first.src, ['stack']);
    diagnostics.push({
      severity: 'error',
      code: 'DUPLICATE_NAME',
      message: `the stack is declared twice; first at ${at.file}:${at.line}:${at.column}. Keep one "stack:" block`,
      location: locate(extra.src, ['stack']),
    });
  }
  const rawStack = stackFiles[0]?.raw.stack as RawStack | undefined;
  if (!rawStack || diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);

  const formerNames = rawStack.formerNames ?? [];
  const stackFile = stackFiles[0]?.src as SourceFile;
  formerNames.forEach((former, i) => {
    if (former === rawStack.name)
      diagnostics.push({
        severity: 'error',
        code: 'SCHEMA',
        message: `stack.formerNames lists "${former}", the stack's current name: list only names it had before`,
        location: locate(stackFile, ['stack', 'formerNames', i]),
      });
  });
  const settings: StackSettings = {
    name: rawStack.name,
    formerNames,
    region: options.regionOverride ?? rawStack.region,
    defaultTags: rawStack.tags ?? {},
  };
  const resources: DesiredResource[] = [];
  const references: Reference[] = [];
  for (const { src, raw } of files) {
    const built = buildFile(src, raw, settings);
    resources.push(...built.resources);
    references.push(...built.references);
    diagnostics.push(...built.diagnostics);
  }
  diagnostics.push(...crossFileChecks(resources, references, settings.region));
  if (diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);
  return { settings, resources, secrets, warnings: diagnostics, files: files.map((f) => f.src.file) };
}

/** The stack with topic ARNs in alarm actions pointing at the real account. */
export function withAccountId(stack: DesiredStack, accountId: string): DesiredStack {
  const fix = (arns: readonly string[]) =>
    arns.map((a) => a.replace(`:${PLACEHOLDER_ACCOUNT}:`, `:${accountId}:`)).sort();
  return {
    ...stack,
    resources: stack.resources.map((r) => {
      const s = r.spec;
      if (s.kind !== 'metricAlarm' && s.kind !== 'compositeAlarm') return r;
      return {
        ...r,
        spec: {
          ...s,
          alarmActions: fix(s.alarmActions),
          okActions: fix(s.okActions),
          insufficientDataActions: fix(s.insufficientDataActions),
        },
      };
    }),
  };
}
