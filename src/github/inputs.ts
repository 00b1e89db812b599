import { MonitorsError } from '../model';
import { parseRequestTimeout } from '../aws/clients';
import { durationSeconds } from '../config/forms';
import { checkSettleSeconds } from '../settle/bounds';

/** validate: files only, no AWS or GitHub calls (pull requests from forks). */
export type ActionMode = 'plan' | 'apply' | 'drift' | 'validate';

/** The action's inputs (action.yml), parsed and checked once. */
export interface ActionInputs {
  readonly mode: ActionMode;
  readonly directory: string;
  readonly region?: string;
  readonly githubToken: string;
  /** Post or update the pull request comment (plan mode). */
  readonly comment: boolean;
  readonly allowMassDelete: boolean;
  /** A custom AWS endpoint (a local emulator); empty on AWS. */
  readonly endpointUrl?: string;
  /** Branches besides the default branch that mode: apply may run from (exact names). */
  readonly applyBranches: readonly string[];
  /** Seconds one AWS or GitHub call may take (default: 30). */
  readonly requestTimeoutSeconds?: number;
  /** Plan mode: replay recent history through created or changed alarms in the comment (default true). */
  readonly backtest: boolean;
  /** Plan mode: check series, recent data and filter match rates in the comment (default true; docs/live-checks.md). */
  readonly liveChecks: boolean;
  /** Apply mode: seconds to mute new and changed alarms while they first evaluate (src/settle/); absent: no mute. */
  readonly settleSeconds?: number;
}

const MODES: readonly ActionMode[] = ['plan', 'apply', 'drift', 'validate'];

function bool(name: string, raw: string, fallback: boolean): boolean {
  const v = raw.trim().toLowerCase();
  if (v === '') return fallback;
  if (['true', 'on', 'yes'].includes(v)) return true;
  if (['false', 'off', 'no'].includes(v)) return false;
  throw new MonitorsError('USAGE', `input ${name} must be true or false, got "${raw}"`);
}

function settleInput(raw: string): { settleSeconds?: number } {
  if (raw === '') return {};
  const seconds = /^\d+$/.test(raw) ? Number(raw) : durationSeconds(raw);
  return { settleSeconds: checkSettleSeconds(seconds, `input settle "${raw.slice(0, 20)}"`) };
}

/** Reads inputs through a getter (core.getInput in the action, a map in tests). */
export function parseInputs(get: (name: string) => string): ActionInputs {
  const mode = get('mode').trim() || 'plan';
  if (!MODES.includes(mode as ActionMode)) {
    throw new MonitorsError('USAGE', `input mode must be one of ${MODES.join(', ')}, got "${mode}"`);
  }
  return {
    mode: mode as ActionMode,
    directory: get('directory').trim() || 'monitors',
    region: get('region').trim() || undefined,
    githubToken: get('github-token').trim(),
    comment: bool('comment', get('comment'), true),
    allowMassDelete: bool('allow-mass-delete', get('allow-mass-delete'), false),
    endpointUrl: get('endpoint-url').trim() || undefined,
    applyBranches: get('apply-branches')
      .split(/[\s,]+/)
      .map((b) => b.replace(/^refs\/heads\//, ''))
      .filter((b) => b !== ''),
    backtest: bool('backtest', get('backtest'), true),
    liveChecks: bool('live-checks', get('live-checks'), true),
    ...settleInput(get('settle').trim()),
    requestTimeoutSeconds: parseRequestTimeout(get('request-timeout').trim() || undefined, 'input request-timeout'),
  };
}
