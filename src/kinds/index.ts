import type { ApplyStep } from './applied-change';
import type { HandlerTable } from './handler';
import type { KindAws } from './module';
import type { KindReader } from './reader';
import { MODULES } from './registry';

/*
 * The AWS half of every module (kinds/<kind>/aws.ts), loaded here: only the commands that call AWS
 * import this file, so validate and test load no SDK.
 */
const AWS: readonly KindAws[] = MODULES.flatMap((m) => (m.aws ? [m.aws()] : []));

/** The table from kind to handler (its AWS calls); kinds/registry.ts holds what each kind is without AWS. */
export const HANDLERS: HandlerTable = Object.assign({}, ...AWS.map((a) => a.handlers)) as HandlerTable;

/**
 * The live readers, each producing one or more kinds, in the modules' order. A reader with a parent
 * kind (subscriptions: topics) comes after the reader of that kind (test/architecture/kind-modules.test.ts);
 * the results are kept in this order.
 */
export const READERS: readonly KindReader[] = AWS.flatMap((a) => a.readers);

/** What kinds record after an apply beyond their resources (core.ts runs each under the lock). */
export const APPLY_STEPS: readonly ApplyStep[] = AWS.flatMap((a) => a.applySteps ?? []);
