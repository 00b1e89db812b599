/**
 * The saved plan file (`monitors plan --save FILE`, `monitors apply FILE`): its shape, how it is
 * written (canonical JSON with a checksum) and how a file that claims to be one is checked before
 * anything in it is believed. See docs/saved-plan.md.
 */
import { createHash } from 'crypto';
import { RESOURCE_KINDS } from '../kinds/registry';
import { MonitorsError, type ResourceKind } from '../model';
import { canonicalJson } from '../model/normalize';

/** What the file says it is: a JSON plan for reading (`--format json`) is not one. */
export const SAVED_PLAN_FORMAT = 'monitors-saved-plan';
/** Bumped on any change apply of an older file could misread; apply accepts only its own. */
export const SAVED_PLAN_VERSION = 1;

/** One live resource the plan read: enough to tell later whether it changed, and to say how. */
export interface SavedLive {
  /** Keyed digest of the resource's identity (its name may be a secret). */
  readonly id: string;
  readonly kind: ResourceKind;
  /** As people see it: masked when the name is sensitive. */
  readonly name: string;
  readonly parent?: string;
  /** The normalized live spec, sensitive fields masked (see sensitivePaths). */
  readonly spec: Readonly<Record<string, unknown>>;
  readonly sensitivePaths: readonly string[];
  readonly arn?: string;
  readonly owned: boolean;
  readonly ownerStack?: string;
  /** An SNS subscription still waiting for its endpoint to confirm. */
  readonly pendingConfirmation?: boolean;
  /** Keyed digest of the whole live resource, secrets included. */
  readonly digest: string;
}

/** One planned change, as people read it, with a keyed digest of the whole change apply will run. */
export interface SavedChange {
  readonly action: 'create' | 'update' | 'replace' | 'delete' | 'adopt' | 'noop';
  readonly id: string;
  readonly kind: ResourceKind;
  readonly name: string;
  readonly parent?: string;
  readonly source?: string;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly diffs?: unknown;
  readonly reason?: string;
  readonly sensitivePaths: readonly string[];
  readonly digest: string;
}

/**
 * Where the plan applies and what it was computed from there: the one place of a stack without
 * `stack.targets`, or one entry per target (account and region) of a stack that declares them.
 */
export interface SavedTarget {
  /** The target's alias (`stack.targets[].name`); absent for a stack without targets. */
  readonly target?: string;
  readonly accountId: string;
  readonly region: string;
  /** Keyed digest of the live state the plan was computed from (the plan's liveFingerprint). */
  readonly liveFingerprint: string;
  readonly live: readonly SavedLive[];
  readonly changes: readonly SavedChange[];
}

/** The plan options that shaped the changes: apply uses these, never its own flags. */
export interface SavedOptions {
  readonly adopt: boolean;
  readonly allowMassDelete: boolean;
  readonly maxDeleteShare: number;
  readonly tagSource: 'tagging-api' | 'per-resource';
}

export interface SavedPlanBody {
  readonly format: typeof SAVED_PLAN_FORMAT;
  readonly formatVersion: typeof SAVED_PLAN_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  readonly createdAt: string;
  readonly stack: string;
  /** The stack directory as given to plan; apply reads the files there again. */
  readonly directory: string;
  readonly options: SavedOptions;
  readonly inputs: {
    /** Random per file: salts the `${env:}` digests and the key of every keyed digest. */
    readonly salt: string;
    /** Every file the loader read, by path under the directory, with the sha256 of its bytes. */
    readonly files: readonly { readonly path: string; readonly sha256: string }[];
    /** Every resolved `${env:}` variable with a slow salted digest of its value; never the value. */
    readonly env: readonly { readonly name: string; readonly digest: string }[];
  };
  readonly targets: readonly SavedTarget[];
}

export interface SavedPlan extends SavedPlanBody {
  /** sha256 of the canonical JSON of everything else: catches a file edited or cut short. */
  readonly checksum: string;
}

/** The largest file apply reads: a plan of 10,000 resources is a few megabytes. */
export const MAX_SAVED_PLAN_BYTES = 64 * 1024 * 1024;

function checksumOf(body: SavedPlanBody): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** The file's text: the body and its checksum, keys sorted, one resource per line for diffs. */
export function serializeSavedPlan(body: SavedPlanBody): string {
  const plan: SavedPlan = { ...body, checksum: checksumOf(body) };
  return `${JSON.stringify(JSON.parse(canonicalJson(plan)), null, 1)}\n`;
}

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const HEX64 = /^[0-9a-f]{64}$/;
const ACTIONS: readonly string[] = ['create', 'update', 'replace', 'delete', 'adopt', 'noop'];

/** Field checks that name where the file is wrong; the file is hostile until checked. */
class Reader {
  constructor(private readonly file: string) {}

  fail(where: string, what: string): never {
    throw new MonitorsError(
      'SAVED_PLAN_INVALID',
      `${this.file} is not a valid saved plan: ${where} ${what}. Make a new one with "monitors plan --save ${this.file}".`,
    );
  }
  record(v: unknown, where: string): Json {
    return isRecord(v) ? v : this.fail(where, 'is not an object');
  }
  list(v: unknown, where: string): unknown[] {
    return Array.isArray(v) ? v : this.fail(where, 'is not a list');
  }
  str(v: unknown, where: string, max = 4096): string {
    return typeof v === 'string' && v.length <= max ? v : this.fail(where, 'is not a string');
  }
  optStr(v: unknown, where: string): string | undefined {
    return v === undefined ? undefined : this.str(v, where);
  }
  hex(v: unknown, where: string): string {
    return typeof v === 'string' && HEX64.test(v) ? v : this.fail(where, 'is not a sha256 digest');
  }
  bool(v: unknown, where: string): boolean {
    return typeof v === 'boolean' ? v : this.fail(where, 'is not true or false');
  }
  strings(v: unknown, where: string): string[] {
    return this.list(v, where).map((s, i) => this.str(s, `${where}[${i}]`));
  }
  kind(v: unknown, where: string): ResourceKind {
    return (RESOURCE_KINDS as readonly unknown[]).includes(v) ? (v as ResourceKind) : this.fail(where, 'is not a kind');
  }
}

function readLive(r: Reader, v: unknown, at: string): SavedLive {
  const o = r.record(v, at);
  return {
    id: r.hex(o.id, `${at}.id`),
    kind: r.kind(o.kind, `${at}.kind`),
    name: r.str(o.name, `${at}.name`),
    parent: r.optStr(o.parent, `${at}.parent`),
    spec: r.record(o.spec, `${at}.spec`),
    sensitivePaths: r.strings(o.sensitivePaths, `${at}.sensitivePaths`),
    arn: r.optStr(o.arn, `${at}.arn`),
    owned: r.bool(o.owned, `${at}.owned`),
    ownerStack: r.optStr(o.ownerStack, `${at}.ownerStack`),
    ...(o.pendingConfirmation !== undefined
      ? { pendingConfirmation: r.bool(o.pendingConfirmation, `${at}.pendingConfirmation`) }
      : {}),
    digest: r.hex(o.digest, `${at}.digest`),
  };
}

function readChange(r: Reader, v: unknown, at: string): SavedChange {
  const o = r.record(v, at);
  if (!ACTIONS.includes(o.action as string)) r.fail(`${at}.action`, 'is not a plan action');
  return {
    action: o.action as SavedChange['action'],
    id: r.hex(o.id, `${at}.id`),
    kind: r.kind(o.kind, `${at}.kind`),
    name: r.str(o.name, `${at}.name`),
    parent: r.optStr(o.parent, `${at}.parent`),
    source: r.optStr(o.source, `${at}.source`),
    before: o.before,
    after: o.after,
    diffs: o.diffs,
    reason: r.optStr(o.reason, `${at}.reason`),
    sensitivePaths: r.strings(o.sensitivePaths, `${at}.sensitivePaths`),
    digest: r.hex(o.digest, `${at}.digest`),
  };
}

function readTarget(r: Reader, v: unknown, at: string): SavedTarget {
  const o = r.record(v, at);
  const accountId = r.str(o.accountId, `${at}.accountId`);
  if (!/^\d{12}$/.test(accountId)) r.fail(`${at}.accountId`, 'is not a 12-digit account id');
  const target = r.optStr(o.target, `${at}.target`);
  return {
    ...(target === undefined ? {} : { target }),
    accountId,
    region: r.str(o.region, `${at}.region`, 64),
    liveFingerprint: r.hex(o.liveFingerprint, `${at}.liveFingerprint`),
    live: r.list(o.live, `${at}.live`).map((x, i) => readLive(r, x, `${at}.live[${i}]`)),
    changes: r.list(o.changes, `${at}.changes`).map((x, i) => readChange(r, x, `${at}.changes[${i}]`)),
  };
}

/**
 * The saved plan in `text` (read from `file`, named in messages), or a refusal saying what is wrong:
 * not JSON, not a saved plan, another format version, an edited or truncated file, a missing field.
 * Whether it was made by this version of monitors, for this stack and this account, is checked by
 * the caller, which knows those.
 */
export function parseSavedPlan(text: string, file: string): SavedPlan {
  const r: Reader = new Reader(file);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return r.fail('the file', 'is not JSON (truncated, or not a plan file)');
  }
  const o = r.record(doc, 'the document');
  if (o.format !== SAVED_PLAN_FORMAT) {
    if ('formatVersion' in o && 'summary' in o)
      r.fail('the file', 'is a JSON plan for reading (plan --format json), not a saved plan');
    r.fail('the file', `does not say "format": "${SAVED_PLAN_FORMAT}"`);
  }
  if (o.formatVersion !== SAVED_PLAN_VERSION) {
    throw new MonitorsError(
      'SAVED_PLAN_INVALID',
      `${file} is saved plan format ${JSON.stringify(o.formatVersion)}; this monitors reads format ${SAVED_PLAN_VERSION} only. Make a new plan with this version.`,
    );
  }
  const { checksum, ...body } = o;
  let actual: string;
  try {
    actual = checksumOf(body as unknown as SavedPlanBody);
  } catch {
    // Only a hostile file nests deep enough to exhaust the stack of the canonical form.
    return r.fail('the file', 'is nested too deeply');
  }
  if (typeof checksum !== 'string' || checksum !== actual) {
    throw new MonitorsError(
      'SAVED_PLAN_INVALID',
      `${file} was modified after it was written (its checksum does not match its content). Make a new plan with "monitors plan --save ${file}".`,
    );
  }
  const tool = r.record(o.tool, 'tool');
  const options = r.record(o.options, 'options');
  const inputs = r.record(o.inputs, 'inputs');
  const tagSource = options.tagSource;
  if (tagSource !== 'tagging-api' && tagSource !== 'per-resource') r.fail('options.tagSource', 'is not valid');
  const share = options.maxDeleteShare;
  if (typeof share !== 'number' || !(share >= 0 && share <= 1)) r.fail('options.maxDeleteShare', 'is not 0..1');
  return {
    format: SAVED_PLAN_FORMAT,
    formatVersion: SAVED_PLAN_VERSION,
    tool: { name: r.str(tool.name, 'tool.name'), version: r.str(tool.version, 'tool.version', 64) },
    createdAt: r.str(o.createdAt, 'createdAt', 64),
    stack: r.str(o.stack, 'stack', 256),
    directory: r.str(o.directory, 'directory'),
    options: {
      adopt: r.bool(options.adopt, 'options.adopt'),
      allowMassDelete: r.bool(options.allowMassDelete, 'options.allowMassDelete'),
      maxDeleteShare: share,
      tagSource,
    },
    inputs: {
      salt: r.str(inputs.salt, 'inputs.salt', 64),
      files: r.list(inputs.files, 'inputs.files').map((f, i) => {
        const x = r.record(f, `inputs.files[${i}]`);
        return { path: r.str(x.path, `inputs.files[${i}].path`), sha256: r.hex(x.sha256, `inputs.files[${i}].sha256`) };
      }),
      env: r.list(inputs.env, 'inputs.env').map((e, i) => {
        const x = r.record(e, `inputs.env[${i}]`);
        return {
          name: r.str(x.name, `inputs.env[${i}].name`, 256),
          digest: r.hex(x.digest, `inputs.env[${i}].digest`),
        };
      }),
    },
    targets: r.list(o.targets, 'targets').map((t, i) => readTarget(r, t, `targets[${i}]`)),
    checksum,
  };
}
