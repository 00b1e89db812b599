import {
  ConfigError,
  MonitorsError,
  type Diagnostic,
  type DesiredResource,
  type DesiredStack,
  type SecretValue,
  type SourceLocation,
  type StackSettings,
} from '../model';
import { STACK_FORMS } from '../kinds/forms';
import { kindInfo } from '../kinds/registry';
import { buildFile, PLACEHOLDER_ACCOUNT, type Reference } from './build';
import { crossFileChecks } from './checks';
import { resolveEnv, type EnvUse } from './env';
import { checkRegionName } from './region';
import { under } from './sensitive-fields';
import type { RawFile, RawStack } from './raw';
import { schemaDiagnostics } from './schema-validate';
import { textDiagnostics } from './text-checks';
import { findYamlFiles, locate, locateKey, parseFile, type SourceFile } from './source';

/** How to load: where `${env:}` values come from, and where the region comes from. */
export interface LoadOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** --region (or the action's region input): must agree with the stack's region when it sets one. */
  readonly regionOverride?: string;
  /** How the override is named in messages (default "--region"). */
  readonly regionOverrideName?: string;
  /** The SDK's default chain (AWS_REGION, then the profile), asked only when the stack sets no region. */
  readonly defaultRegion?: () => Promise<{ readonly region: string; readonly from: string } | undefined>;
  /**
   * Checking only (validate, iam-policy): an unset `${env:}` or a missing region is a warning, since
   * nothing needs the value; plan and apply keep them errors.
   */
  readonly checkOnly?: boolean;
  /** Hears each `${env:}` value as soon as it is read, before any validation can print (the action's setSecret). */
  readonly onSecret?: (value: string) => void;
}

const NO_LOCATION = (file: string) => ({ file, line: 1, column: 1 });

/**
 * Loads a monitors directory: every file parsed, resolved, validated and checked, all problems
 * reported together. Throws ConfigError when any is an error. Makes no AWS call.
 */
export async function loadStack(dir: string, options: LoadOptions = {}): Promise<DesiredStack> {
  // A region that cannot exist is refused before anything else is read.
  if (options.regionOverride !== undefined)
    checkRegionName(options.regionOverride, options.regionOverrideName ?? '--region');
  let found: Awaited<ReturnType<typeof findYamlFiles>>;
  try {
    found = await findYamlFiles(dir);
  } catch (err) {
    if (err instanceof MonitorsError) throw err;
    // The system's own message (EACCES ... scandir) names paths and syscalls people need not read.
    const code = (err as NodeJS.ErrnoException).code;
    throw new MonitorsError('NO_FILES', `cannot read the stack directory ${dir}${code ? ` (${code})` : ''}`, 'user', {
      cause: err,
    });
  }
  const paths = found.files;
  const diagnostics: Diagnostic[] = found.rejected.map((r) => ({
    severity: 'error',
    code: 'FILE_REJECTED',
    message: `${r.file} ${r.reason}`,
    location: NO_LOCATION(r.file),
  }));
  if (paths.length === 0 && diagnostics.length === 0) {
    diagnostics.push({
      severity: 'error',
      code: 'NO_FILES',
      message: `no *.yaml or *.yml files under ${dir}: is the directory right?`,
      location: NO_LOCATION(dir),
    });
    throw new ConfigError(diagnostics);
  }

  const secrets: SecretValue[] = [];
  const files: { src: SourceFile; raw: RawFile; uses: EnvUse[] }[] = [];
  for (const p of paths) {
    const { source, errors } = await parseFile(p, found.real.get(p));
    diagnostics.push(...errors);
    if (errors.length > 0 || !source) continue;
    const uses: EnvUse[] = [];
    diagnostics.push(
      ...resolveEnv(
        source,
        options.env ?? process.env,
        secrets,
        uses,
        options.onSecret,
        options.checkOnly ? 'warning' : 'error',
      ),
    );
    const textErrors = withheldSecrets(textDiagnostics(source), source, uses);
    diagnostics.push(...textErrors);
    if (textErrors.length > 0) continue;
    const raw = source.doc.toJS() as unknown;
    const schemaErrors = withheldSecrets(schemaDiagnostics(source, raw), source, uses);
    diagnostics.push(...schemaErrors, ...stackEnvErrors(source, uses));
    if (schemaErrors.length === 0 && raw) files.push({ src: source, raw: raw as RawFile, uses });
  }

  const stackFiles = files.filter((f) => f.raw.stack);
  const defaultTagPaths = (stackFiles[0]?.uses ?? []).flatMap((u) => {
    const rel = under(u.path, ['stack', 'tags']);
    return rel && rel.length > 0 ? [`tags.${String(rel[0])}`] : [];
  });
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
  const stackFile = stackFiles[0];
  const rawStack = stackFile?.raw.stack;
  if (!stackFile || !rawStack || diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);

  const formerNames = rawStack.formerNames ?? [];
  formerNames.forEach((former, i) => {
    if (former === rawStack.name)
      diagnostics.push({
        severity: 'error',
        code: 'SCHEMA',
        message: `stack.formerNames lists "${former}", the stack's current name: list only names it had before`,
        location: locate(stackFile.src, ['stack', 'formerNames', i]),
      });
  });
  const regionAt =
    rawStack.region !== undefined ? locate(stackFile.src, ['stack', 'region']) : locateKey(stackFile.src, ['stack']);
  const region = await chooseRegion(rawStack, regionAt, options);
  diagnostics.push(...region.diagnostics);
  const settings: StackSettings = {
    name: rawStack.name,
    formerNames,
    region: region.region,
    defaultTags: rawStack.tags ?? {},
  };
  const resources: DesiredResource[] = [];
  const references: Reference[] = [];
  for (const { src, raw, uses } of files) {
    const built = buildFile(src, raw, settings, uses, defaultTagPaths);
    resources.push(...built.resources);
    references.push(...built.references);
    diagnostics.push(...withheldSecrets(built.diagnostics, src, uses));
  }
  for (const form of STACK_FORMS) {
    const value = rawStack[form.key];
    if (value === undefined) continue;
    const at = locate(stackFile.src, ['stack', form.key]);
    resources.push(...form.build({ value, stack: settings, resources, at }));
  }
  const usesByFile = new Map(files.map((f) => [f.src.file, f]));
  const checked = crossFileChecks(resources, references, settings.region).map((d) => {
    const f = usesByFile.get(d.location.file);
    return f ? (withheldSecrets([d], f.src, f.uses)[0] ?? d) : d;
  });
  diagnostics.push(...checked);
  if (diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);
  return {
    settings,
    resources,
    secrets,
    warnings: diagnostics,
    files: files.map((f) => f.src.file),
    fileDigests: Object.fromEntries(files.map((f) => [f.src.file, f.src.sha256])),
  };
}

/**
 * The region a run uses. The stack's own region is the truth in git: an explicit override must agree
 * with it; AWS_REGION and the profile are only consulted when the stack names none.
 */
async function chooseRegion(
  stack: RawStack,
  at: SourceLocation,
  options: LoadOptions,
): Promise<{ region: string; diagnostics: Diagnostic[] }> {
  const override = options.regionOverride;
  const overrideName = options.regionOverrideName ?? '--region';
  if (stack.region !== undefined) {
    if (override === undefined || override === stack.region) return { region: stack.region, diagnostics: [] };
    return {
      region: stack.region,
      diagnostics: [
        {
          severity: 'error',
          code: 'REGION',
          message: `${overrideName} ${override} conflicts with the stack's region ${stack.region}: make them agree, or remove region from the stack to choose it per run`,
          location: at,
        },
      ],
    };
  }
  if (override !== undefined) return { region: override, diagnostics: [] };
  const chain = await options.defaultRegion?.();
  if (chain) return { region: checkRegionName(chain.region, chain.from), diagnostics: [] };
  return {
    // No region anywhere: fine for checking the files, fatal for a run that must call AWS.
    region: '',
    diagnostics: [
      {
        severity: options.checkOnly ? 'warning' : 'error',
        code: 'REGION',
        message: `the stack sets no region and none was given: add region to the stack, pass ${overrideName}, or set AWS_REGION or a profile's region`,
        location: at,
      },
    ],
  };
}

/**
 * The stack with the ARNs its files built (topic ARNs in alarm actions, …) pointing at the real
 * account: the files cannot know it, so build writes PLACEHOLDER_ACCOUNT and each kind says where
 * (KindInfo.withAccount).
 */
export function withAccountId(stack: DesiredStack, accountId: string): DesiredStack {
  const fix = (arn: string) => arn.replace(`:${PLACEHOLDER_ACCOUNT}:`, `:${accountId}:`);
  return {
    ...stack,
    resources: stack.resources.map((r) => {
      const withAccount = kindInfo(r.spec.kind).withAccount;
      return withAccount ? { ...r, spec: withAccount(r.spec, fix) } : r;
    }),
  };
}

/**
 * A diagnostic located in a value that came from `${env:}` would quote the secret: its message is
 * replaced by one that names the variable and the kind of problem, never the value.
 */
function withheldSecrets(diagnostics: readonly Diagnostic[], src: SourceFile, uses: readonly EnvUse[]): Diagnostic[] {
  if (uses.length === 0) return [...diagnostics];
  return diagnostics.map((d) => {
    const use = uses.find((u) => {
      const at = src.lines.linePos(u.range[0]);
      const end = src.lines.linePos(Math.max(u.range[0], u.range[1] - 1));
      const after = (l: number, c: number, x: { line: number; col: number }) =>
        l > x.line || (l === x.line && c >= x.col);
      return (
        after(d.location.line, d.location.column, at) &&
        !after(d.location.line, d.location.column, { line: end.line, col: end.col + 1 })
      );
    });
    if (!use) return d;
    const names = use.envNames.map((n) => `\${env:${n}}`).join(', ');
    return {
      ...d,
      message: `the value from ${names} is not valid here (${d.code}); the reason is withheld because it would quote the secret: check the variable's value against docs/format.md`,
    };
  });
}

/** The stack's name and region are printed in every output: they cannot be secrets. */
function stackEnvErrors(src: SourceFile, uses: readonly EnvUse[]): Diagnostic[] {
  return uses
    .filter((u) => u.path[0] === 'stack' && u.path[1] !== 'tags')
    .map((u) => ({
      severity: 'error' as const,
      code: 'SCHEMA' as const,
      message: `stack.${String(u.path[1])} is shown in every plan and cannot come from \${env:}: write it in the file`,
      location: locate(src, u.path),
    }));
}
