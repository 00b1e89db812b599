import {
  GetAlarmMuteRuleCommand,
  ListAlarmMuteRulesCommand,
  type CloudWatchClient,
  type GetAlarmMuteRuleCommandOutput,
  type ListAlarmMuteRulesCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import { PageGuard } from '../../aws/paging';
import type { LiveResource } from '../../model';
import type { KindReader } from '../reader';
import { unknownAction } from '../shared/unknown-action';
import type { AlarmMuteRuleSpec } from './spec';
import { MUTE_RULE_ROOT, muteRuleNameOfArn, muteRuleOwner } from './names';
import { canonicalExpression, isUtc, parseDuration, scheduleText } from './schedule';

/** The names of every mute rule in the region, 100 a page; none where the endpoint has no mute rules. */
export async function listMuteRuleNames(cw: CloudWatchClient): Promise<string[]> {
  const names: string[] = [];
  const guard = new PageGuard('ListAlarmMuteRules');
  let token: string | undefined;
  do {
    guard.next(token);
    let page: ListAlarmMuteRulesCommandOutput | undefined;
    try {
      page = await cw.send(new ListAlarmMuteRulesCommand({ MaxRecords: 100, ...(token ? { NextToken: token } : {}) }));
    } catch (err) {
      if (!unknownAction(err)) throw err;
    }
    for (const s of page?.AlarmMuteRuleSummaries ?? []) {
      const name = s.AlarmMuteRuleArn ? muteRuleNameOfArn(s.AlarmMuteRuleArn) : undefined;
      if (name) names.push(name);
    }
    token = page?.NextToken;
  } while (token);
  return names;
}

/** A rule as AWS answers it, in the spec's normal form (schedule.ts); undefined for one it cannot read. */
export function specOfRule(out: GetAlarmMuteRuleCommandOutput, name: string): AlarmMuteRuleSpec | undefined {
  const schedule = out.Rule?.Schedule;
  const seconds = schedule?.Duration ? parseDuration(schedule.Duration) : undefined;
  if (!schedule?.Expression || seconds === undefined) return undefined;
  const zone = schedule.Timezone;
  return {
    kind: 'alarmMuteRule',
    name,
    ...(out.Description ? { description: out.Description } : {}),
    schedule: scheduleText({
      expression: canonicalExpression(schedule.Expression),
      seconds,
      ...(isUtc(zone) ? {} : { timezone: zone }),
      ...(out.StartDate ? { start: out.StartDate.getTime() } : {}),
      ...(out.ExpireDate ? { expire: out.ExpireDate.getTime() } : {}),
    }),
    alarmNames: [...new Set(out.MuteTargets?.AlarmNames ?? [])].sort(),
  };
}

const GONE = new Set(['ResourceNotFoundException', 'ResourceNotFound']);

/**
 * Mute rules: owned by the stack their name says (names.ts), so only `monitors.<stack>.…` rules are
 * read past the listing: another stack's, a hand-made one and `--settle`'s never are. The listing
 * holds no schedule or targets: one GetAlarmMuteRule per owned rule, through the bounded concurrency.
 */
export const alarmMuteRuleReader: KindReader = {
  kinds: ['alarmMuteRule'],
  async list(clients) {
    const names = (await listMuteRuleNames(clients.cloudwatch)).filter((n) => n.startsWith(MUTE_RULE_ROOT));
    return async (ctx) => {
      const resources: LiveResource[] = [];
      const mine = names.flatMap((name) => {
        const own = ctx.ownership(muteRuleOwner(name));
        return own.owned ? [{ name, own }] : [];
      });
      await ctx.each(mine, async ({ name, own }) => {
        try {
          const out = await clients.cloudwatch.send(new GetAlarmMuteRuleCommand({ AlarmMuteRuleName: name }));
          const spec = specOfRule(out, name);
          if (spec) resources.push({ spec, arn: out.AlarmMuteRuleArn, ...own });
        } catch (err) {
          // Deleted between the listing and this read: it is gone, which is what the plan should see.
          if (!(err instanceof Error && GONE.has(err.name))) throw err;
        }
      });
      return { resources };
    };
  },
};
