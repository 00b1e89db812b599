import {
  ConfigError,
  sortDiagnostics,
  MonitorsError,
  type Diagnostic,
  type DesiredResource,
  type DesiredStack,
  type SecretValue,
  type SourceLocation,
  type StackSettings,
  type Target,
} from '../model';
import { STACK_FORMS } from '../kinds/forms';
import { kindInfo } from '../kinds/registry';
import { isMap } from './yaml-lib';
import { buildFile, PLACEHOLDER_ACCOUNT, type Reference } from './build';
import { crossFileChecks } from './checks';
import { mergeStackResources } from '../kinds/forms';
import { resolveEnv, type EnvUse } from './env';
import { checkRegionName } from './region';
import { under } from './sensitive-fields';
import type { PackDeclaration } from '../kinds/pack/declaration';
import type { RawFile, RawStack } from './raw';
import { schemaDiagnostics } from './schema-validate';
import { fileForTarget, mergeTargetDiagnostics, readTargets } from './targets';
import { textDiagnostics } from './text-checks';
import { deferredLocate, findYamlFiles, locate, parseFile, type SourceFile } from './source';

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
  /**
   * The run needs no `${env:}` value (rule tests, roles-template, backtest, the action's validate
   * mode): an unset one is a warning, and checks of the value's shape wait until it is set. Implied
   * by checkOnly.
   */
  readonly secretsOptional?: boolean;
  /** The run is against an emulator endpoint (--endpoint-url): chat webhooks may be plain http on loopback. */
  readonly loopbackWebhooks?: boolean;
  /** Hears each `${env:}` value as soon as it is read, before any validation can print (the action's setSecret). */
  readonly onSecret?: (value: string) => void;
}

const NO_LOCATION = (file: string) => ({ file, line: 1, column: 1 });

/** One target's stack: what the files want in that account and region. */
export interface TargetStack {
  readonly target: Target;
  readonly stack: DesiredStack;
}

/**
 * A loaded directory: one stack (no `stack.targets`: one implicit account and region, exactly as
 * before targets existed), or one stack per target.
 */
export type LoadedStacks =
  { readonly targets?: undefined; readonly stack: DesiredStack } | { readonly targets: readonly TargetStack[] };

/** A parsed file with its `${env:}` values resolved, and the problems found so far. */
interface ParsedFile {
  /** Absent when the file could not be parsed. */
  readonly src?: SourceFile;
  readonly uses: EnvUse[];
  readonly diagnostics: readonly Diagnostic[];
  /** The data, when the quick path read the file (source.ts parseFile): it needs no target, env or text step. */
  readonly plain?: Record<string, unknown>;
}

/**
 * Loads a monitors directory: every file parsed, resolved, validated and checked, all problems
 * reported together. Throws ConfigError when any is an error. Makes no AWS call. A stack with
 * targets is checked in every target; its first target's stack is returned (see loadStacks).
 */
export async function loadStack(dir: string, options: LoadOptions = {}): Promise<DesiredStack> {
  const loaded = await loadStacks(dir, options);
  if (!loaded.targets) return loaded.stack;
  const first = loaded.targets[0] as TargetStack;
  return first.stack;
}

/**
 * Loads a monitors directory once per target it declares (or once, without targets). Each target
 * sees its own copy of the files: resources naming other targets left out, `${target.*}` replaced.
 * Any problem in any target stops the load, each reported once, naming the targets it is found in.
 */
export async function loadStacks(dir: string, options: LoadOptions = {}): Promise<LoadedStacks> {
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
  const rejected: Diagnostic[] = found.rejected.map((r) => ({
    severity: 'error',
    code: 'FILE_REJECTED',
    message: `${r.file} ${r.reason}`,
    location: NO_LOCATION(r.file),
  }));
  if (paths.length === 0 && rejected.length === 0) {
    rejected.push({
      severity: 'error',
      code: 'NO_FILES',
      message: `no *.yaml or *.yml files under ${dir}: is the directory right?`,
      location: NO_LOCATION(dir),
    });
    throw new ConfigError(rejected);
  }

  const secrets: SecretValue[] = [];
  const parsed: ParsedFile[] = [];
  for (const p of paths) {
    const { source, plain, errors } = await parseFile(p, found.real.get(p));
    if (errors.length > 0 || !source) {
      parsed.push({ uses: [], diagnostics: errors });
      continue;
    }
    if (plain) {
      // Read by the quick path: no `${env:}` to resolve, no targets, nothing the text checks refuse.
      parsed.push({ src: source, uses: [], diagnostics: [], plain });
      continue;
    }
    const uses: EnvUse[] = [];
    const envErrors = resolveEnv(
      source,
      options.env ?? process.env,
      secrets,
      uses,
      options.onSecret,
      options.checkOnly || options.secretsOptional ? 'warning' : 'error',
    );
    parsed.push({ src: source, uses, diagnostics: [...errors, ...envErrors] });
  }

  const declared = declaredTargets(parsed, options);
  if (!declared) {
    const pass = await loadPass(dir, parsed, rejected, secrets, options, undefined, undefined);
    if (!pass.stack || pass.diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(pass.diagnostics);
    return { stack: pass.stack };
  }
  const aliases = [...new Set(declared.targets.map((t) => t.name))];
  if (declared.targets.length === 0) {
    // stack.targets is there but no item is usable: one pass reports the schema's reasons.
    const pass = await loadPass(dir, parsed, rejected, secrets, options, undefined, aliases);
    throw new ConfigError([...pass.diagnostics, ...declared.diagnostics]);
  }
  const passes: { target: Target; diagnostics: readonly Diagnostic[]; stack?: DesiredStack }[] = [];
  for (const target of declared.targets)
    passes.push({ target, ...(await loadPass(dir, parsed, rejected, secrets, options, target, aliases)) });
  const diagnostics = [...mergeTargetDiagnostics(passes), ...declared.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);
  return {
    targets: passes.map((p) => ({
      target: p.target,
      stack: { ...(p.stack as DesiredStack), warnings: sortDiagnostics(diagnostics) },
    })),
  };
}

/** The targets of the stack block, read before any file is validated (each target validates its own copy). */
function declaredTargets(
  parsed: readonly ParsedFile[],
  options: LoadOptions,
): ReturnType<typeof readTargets> | undefined {
  for (const { src, plain } of parsed) {
    // A file the quick path read has no `targets` key (fast-yaml.ts): not read again with positions.
    if (!src || plain || !isMap(src.doc.contents)) continue;
    const stack = src.doc.get('stack', true);
    if (!isMap(stack) || !stack.has('targets')) continue;
    return readTargets(src, stack.toJSON() as { targets?: unknown; region?: unknown }, {
      value: options.regionOverride,
      name: options.regionOverrideName ?? '--region',
    });
  }
  return undefined;
}

/**
 * One load of the parsed files, for one target (or for the stack without targets): validation,
 * the stack block, building and the cross-file checks. Returns the stack only when nothing is wrong.
 */
async function loadPass(
  dir: string,
  parsed: readonly ParsedFile[],
  rejected: readonly Diagnostic[],
  secrets: readonly SecretValue[],
  options: LoadOptions,
  target: Target | undefined,
  aliases: readonly string[] | undefined,
): Promise<{ diagnostics: Diagnostic[]; stack?: DesiredStack }> {
  const diagnostics: Diagnostic[] = [...rejected];
  const files: { src: SourceFile; raw: RawFile; uses: readonly EnvUse[] }[] = [];
  for (const file of parsed) {
    diagnostics.push(...file.diagnostics);
    if (!file.src) continue;
    if (file.plain) {
      // No target to pick for, no `${env:}`, no text problem: only the schema is left to check.
      const schemaErrors = schemaDiagnostics(file.src, file.plain);
      diagnostics.push(...schemaErrors);
      if (schemaErrors.length === 0) files.push({ src: file.src, raw: file.plain as RawFile, uses: [] });
      continue;
    }
    const prepared = fileForTarget(file.src, target, aliases, file.uses);
    const { src: source, uses } = prepared;
    diagnostics.push(...prepared.diagnostics);
    const textErrors = withheldSecrets(pendingShape(textDiagnostics(source), source, uses), source, uses);
    diagnostics.push(...textErrors);
    if (textErrors.length > 0) continue;
    const raw = source.doc.toJS() as unknown;
    // A value whose ${target.*} could not be replaced fails its pattern too: its own message is the useful one.
    const unreplaced = new Set(prepared.diagnostics.map((d) => `${d.location.line}:${d.location.column}`));
    const schemaErrors = withheldSecrets(
      pendingShape(
        schemaDiagnostics(source, raw).filter((d) => !unreplaced.has(`${d.location.line}:${d.location.column}`)),
        source,
        uses,
      ),
      source,
      uses,
    );
    diagnostics.push(...schemaErrors);
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
  if (!stackFile || !rawStack || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

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
  let region: string;
  if (target) region = target.region;
  else {
    const regionAt =
      rawStack.region !== undefined
        ? deferredLocate(stackFile.src, ['stack', 'region'])
        : deferredLocate(stackFile.src, ['stack'], true);
    const chosen = await chooseRegion(rawStack, regionAt, options);
    diagnostics.push(...chosen.diagnostics);
    region = chosen.region;
  }
  const settings: StackSettings = {
    name: rawStack.name,
    formerNames,
    region,
    defaultTags: rawStack.tags ?? {},
  };
  const resources: DesiredResource[] = [];
  const references: Reference[] = [];
  const packs: PackDeclaration[] = [];
  for (const { src, raw, uses } of files) {
    const built = buildFile(src, raw, settings, uses, defaultTagPaths, options.loopbackWebhooks === true);
    resources.push(...built.resources);
    packs.push(...built.packs);
    references.push(...built.references);
    diagnostics.push(...withheldSecrets(pendingShape(built.diagnostics, src, uses), src, uses));
  }
  for (const form of STACK_FORMS) {
    const value = rawStack[form.key];
    if (value === undefined) continue;
    const at = locate(stackFile.src, ['stack', form.key]);
    resources.push(...form.build({ value, stack: settings, resources, at }));
  }
  const merged = mergeStackResources(resources);
  const usesByFile = new Map(files.map((f) => [f.src.file, f]));
  const checked = crossFileChecks(merged, references, settings.region).map((d) => {
    const f = usesByFile.get(d.location.file);
    if (!f) return [d];
    return withheldSecrets(pendingShape([d], f.src, f.uses), f.src, f.uses);
  });
  diagnostics.push(...checked.flat());
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  let digests: Record<string, string> | undefined;
  return {
    diagnostics,
    stack: {
      settings,
      resources: merged,
      ...(packs.length > 0 ? { packs } : {}),
      secrets,
      warnings: sortDiagnostics(diagnostics),
      files: files.map((f) => f.src.file),
      // Hashed when first read (a saved plan reads it; validate never does, nor loads node:crypto).
      get fileDigests() {
        return (digests ??= Object.fromEntries(files.map((f) => [f.src.file, f.src.sha256])));
      },
    },
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
    const use = useAt(d, src, uses);
    if (!use || use.unresolved) return d;
    const names = use.envNames.map((n) => `\${env:${n}}`).join(', ');
    return {
      ...d,
      message: `the value from ${names} is not valid here (${d.code}); the reason is withheld because it would quote the secret: check the variable's value against docs/format.md`,
    };
  });
}

/**
 * Drops what was found inside a value whose `${env:}` is unset (checking only): the value is still the
 * reference, so a check of its shape (an https URL, a host, a pattern) says nothing about the secret
 * it will be. This is where every field gets that rule, today's and future ones: the warning that the
 * variable is unset stands in for them, and plan and apply, which need the value, check it then.
 */
function pendingShape(diagnostics: readonly Diagnostic[], src: SourceFile, uses: readonly EnvUse[]): Diagnostic[] {
  if (!uses.some((u) => u.unresolved)) return [...diagnostics];
  return diagnostics.filter((d) => !useAt(d, src, uses)?.unresolved);
}

/** The `${env:}` value a diagnostic is located in, if any. */
function useAt(d: Diagnostic, src: SourceFile, uses: readonly EnvUse[]): EnvUse | undefined {
  return uses.find((u) => {
    const at = src.lines.linePos(u.range[0]);
    const end = src.lines.linePos(Math.max(u.range[0], u.range[1] - 1));
    const after = (l: number, c: number, x: { line: number; col: number }) =>
      l > x.line || (l === x.line && c >= x.col);
    return (
      after(d.location.line, d.location.column, at) &&
      !after(d.location.line, d.location.column, { line: end.line, col: end.col + 1 })
    );
  });
}
