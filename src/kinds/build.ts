import type { EnvUse } from '../shared/env-use';
import type { RawFile } from '../shared/raw';
import type { FieldTable } from '../shared/sensitive-fields';
import type { PathSegment, SourceFile } from '../shared/source-types';
import type { Diagnostic, DesiredResource, SourceLocation, StackSettings, Tags } from '../model';
import type { PackDeclaration } from './pack/declaration';

/** A reference from one resource to another, checked once every file is read (in a name space: kind.ts). */
export interface Reference {
  readonly kind: string;
  readonly name: string;
  readonly location: SourceLocation;
}

/**
 * What config/build.ts hands each YAML form while it builds one file: where things are, how to
 * report, and the pieces every form shares (stack tags, names). Forms only call these.
 */
export interface BuildContext {
  readonly src: SourceFile;
  readonly stack: StackSettings;
  /** Where this file's `${env:}` values landed. */
  readonly envUses: readonly EnvUse[];
  at(path: PathSegment[]): SourceLocation;
  /**
   * Whether the value at `path` is an unset `${env:}` reference (checking only): it cannot be judged
   * yet, so a form builds the resource as if it were valid (messages located in it are dropped anyway).
   */
  pending(path: PathSegment[]): boolean;
  /** The location of a list entry's key (a topic's `name:`), for resources people find by name. */
  locateKey(path: PathSegment[]): SourceLocation;
  error(code: Diagnostic['code'], message: string, location: SourceLocation): void;
  diagnostic(d: Diagnostic): void;
  reference(ref: Reference): void;
  /** Adds a resource built from the block at `prefix`, whose keys feed the spec fields `fields` says; `extra` are paths sensitive besides. */
  push(r: Omit<DesiredResource, 'sensitive'>, fields: FieldTable, prefix: PathSegment[], extra?: string[]): void;
  /** The stack's default tags, these, and the ownership tag (checked against AWS's quota). */
  tagsFor(own: Record<string, string> | undefined, path: PathSegment[]): Tags;
  /** Checks an alarm name against AWS's length quota. */
  alarmName(name: string, path: PathSegment[]): void;
  /** A run against an emulator endpoint: chat webhooks may then be plain http on loopback. */
  readonly loopbackWebhooks: boolean;
  /** Records an alarm pack: expanded into alarms at plan time, once discovery has read what it selects. */
  pack(declaration: PackDeclaration): void;
}

/** What a StackForm is handed: its value under `stack:`, the stack, and every resource the files built. */
export interface StackFormContext {
  readonly value: unknown;
  readonly stack: StackSettings;
  readonly resources: readonly DesiredResource[];
  /** Where its key is in the stack's file. */
  readonly at: SourceLocation;
}

/**
 * A key of the `stack:` block that builds resources from the whole stack once every file is built
 * (a dashboard of every alarm): it sees what all files declared, and the cross-file checks see what it adds.
 */
export interface StackForm {
  readonly key: string;
  build(ctx: StackFormContext): DesiredResource[];
}

/** One top-level section of a monitors file (topics:, alarms:, …) and how it becomes specs. */
export interface YamlForm {
  readonly key: string;
  /** Keys of its entries whose values are prose or expressions and may span lines (config/text-checks.ts). */
  readonly proseKeys?: readonly string[];
  build(ctx: BuildContext, raw: RawFile): void;
}
