/**
 * A composite's actions suppressor in the simulator (PutCompositeAlarm ActionsSuppressor, WaitPeriod,
 * ExtensionPeriod): suppressed while the suppressor is in ALARM, for the wait period after the composite
 * goes into ALARM, and for the extension period after the suppressor leaves ALARM; the composite acts on
 * its current state when suppression ends. The alarms are real metric alarms fed by datapoints.
 */
import type { DesiredStack } from '../../src/model';
import fc from 'fast-check';
import {
  actionMoments,
  applySuppressor,
  engineEvaluator,
  simulateStack,
  stateAt,
  suppressionAt,
  type AlarmState,
  type AlarmTimeline,
} from '../../src/simulate';
import { actionsFor, transitionsOf } from '../../src/simulate/timeline';
import { MIN, T0, TOPIC, alarm, composite } from './builders';
import type { CompositeAlarmSpec } from '../../src/kinds/specs';

const errors = alarm({ name: 'errors', alarmActions: [] });
const db = alarm({
  name: 'db-down',
  alarmActions: [],
  metric: { namespace: 'App', metricName: 'DbErrors', dimensions: {}, period: 60, statistic: 'Sum' },
  threshold: 1,
});

/** One datapoint per minute listed, from T0: `[minute, value]`. */
const points = (metricName: string, list: readonly (readonly [number, number])[]) =>
  list.map(([m, value]) => ({ namespace: 'App', metricName, dimensions: {}, timestamp: T0 + m * MIN, value }));

/** The page composite over `errors`, suppressed by `db-down` with the periods given in seconds. */
function simulate(
  suppressor: CompositeAlarmSpec['actionsSuppressor'],
  data: { errors: readonly (readonly [number, number])[]; db: readonly (readonly [number, number])[] },
  minutes = 40,
): AlarmTimeline {
  const page = composite('ALARM(errors)', {
    name: 'page',
    okActions: [TOPIC],
    ...(suppressor ? { actionsSuppressor: suppressor } : {}),
  });
  const stack: DesiredStack = {
    settings: { name: 's', region: 'us-east-1', defaultTags: {} },
    resources: [errors, db, page].map((spec) => ({ spec, source: { file: 'x.yaml', line: 1, column: 1 } })),
    secrets: [],
    warnings: [],
    files: [],
  };
  const sim = simulateStack(stack, {
    events: [],
    datapoints: [...points('Errors', data.errors), ...points('DbErrors', data.db)],
    window: { from: T0, to: T0 + minutes * MIN },
    evaluate: engineEvaluator(),
  });
  return sim.alarms.get('page') as AlarmTimeline;
}

/** Each action-taking moment: minute, state, and whether actions were sent. */
const sent = (t: AlarmTimeline) =>
  [...t.transitions, ...(t.released ?? [])]
    .filter((x) => x.actions.length > 0)
    .map((x) => `+${(x.at - T0) / MIN}m ${x.to}`)
    .sort();
const minute = (m: number) => T0 + m * MIN;

// errors breach from minute 2 to 5 (in ALARM at the end of minute 2's period, +3m, until +6m).
const errorsBreach = [
  [2, 5],
  [3, 5],
  [4, 5],
  [5, 5],
  [6, 0],
  [7, 0],
] as const;

test('without a suppressor the page goes out when the composite goes into ALARM, and OK after', () => {
  const page = simulate(undefined, { errors: errorsBreach, db: [] });
  expect(sent(page)).toEqual(['+0m OK', '+3m ALARM', '+7m OK']);
});

test('suppressed while the dependency alarm is in ALARM: no page, no OK, and nothing when suppression ends with the composite back in OK', () => {
  // db-down is in ALARM from +1m to +9m (breaching minutes 0-7).
  const db = Array.from({ length: 10 }, (_, m) => [m, m < 8 ? 1 : 0] as const);
  const page = simulate({ alarm: 'db-down', waitPeriod: 60, extensionPeriod: 120 }, { errors: errorsBreach, db });
  expect(stateAt(page, minute(4))).toBe('ALARM');
  expect(suppressionAt(page, minute(4))?.by).toBe('Alarm');
  expect(page.transitions.find((t) => t.to === 'ALARM')?.suppressedBy).toBe('Alarm');
  // Only the first evaluation's OK (+0m), before db-down went into ALARM.
  expect(sent(page)).toEqual(['+0m OK']);
  // The extension period follows: +9m to +11m, then nothing holds the actions back.
  expect(suppressionAt(page, minute(10))?.by).toBe('ExtensionPeriod');
  expect(suppressionAt(page, minute(11))).toBeUndefined();
});

test('not suppressed after the extension period: a page once the dependency has been OK that long', () => {
  // db-down in ALARM from +1m to +3m; extension 2m ends at +5m. errors go into ALARM at +7m.
  const db = [
    [0, 1],
    [1, 1],
    [2, 0],
  ] as const;
  const late = [
    [6, 5],
    [7, 0],
  ] as const;
  const page = simulate({ alarm: 'db-down', waitPeriod: 0, extensionPeriod: 120 }, { errors: late, db });
  expect(suppressionAt(page, minute(4))?.by).toBe('ExtensionPeriod');
  expect(suppressionAt(page, minute(7))).toBeUndefined();
  expect(sent(page)).toEqual(['+0m OK', '+7m ALARM', '+8m OK']);
});

test('the composite in ALARM when the extension period ends acts then, on its current state', () => {
  // db-down in ALARM +1m to +4m; errors in ALARM +3m to +9m; extension 3m ends at +7m: the page goes out at +7m.
  const db = [
    [0, 1],
    [1, 1],
    [2, 1],
    [3, 0],
  ] as const;
  const long = Array.from({ length: 9 }, (_, m) => [m, m >= 2 && m < 8 ? 5 : 0] as const);
  const page = simulate({ alarm: 'db-down', waitPeriod: 60, extensionPeriod: 180 }, { errors: long, db });
  expect(sent(page)).toEqual(['+0m OK', '+7m ALARM', '+9m OK']);
  expect(page.released?.map((r) => r.reason)).toEqual([
    'actions no longer suppressed by db-down: acting on the current state ALARM',
  ]);
});

test('the wait period catches a suppressor that goes into ALARM shortly after the composite', () => {
  // errors in ALARM at +3m; db-down only at +4m (breaching minute 3), within the 2-minute wait.
  const db = Array.from({ length: 12 }, (_, m) => [m, m >= 3 && m < 10 ? 1 : 0] as const);
  const page = simulate({ alarm: 'db-down', waitPeriod: 120, extensionPeriod: 60 }, { errors: errorsBreach, db });
  expect(page.transitions.find((t) => t.to === 'ALARM')?.suppressedBy).toBe('WaitPeriod');
  expect(suppressionAt(page, minute(3))?.by).toBe('WaitPeriod');
  expect(suppressionAt(page, minute(5))?.by).toBe('Alarm');
  // The composite went back to OK at +7m, while db-down held the actions: nothing at all was sent after +0m.
  expect(sent(page)).toEqual(['+0m OK']);
});

test('a wait period the suppressor does not use delays the page by the wait, no more', () => {
  const page = simulate({ alarm: 'db-down', waitPeriod: 120, extensionPeriod: 60 }, { errors: errorsBreach, db: [] });
  expect(suppressionAt(page, minute(4))?.by).toBe('WaitPeriod');
  expect(sent(page)).toEqual(['+0m OK', '+5m ALARM', '+7m OK']);
});

test('a suppressor the stack does not simulate (an ARN elsewhere) is never in ALARM', () => {
  const arn = 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:elsewhere';
  const page = simulate({ alarm: arn, waitPeriod: 0, extensionPeriod: 60 }, { errors: errorsBreach, db: [] });
  expect(sent(page)).toEqual(['+0m OK', '+3m ALARM', '+7m OK']);
});

describe('properties, over random composite and suppressor timelines', () => {
  const STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;
  /** Evaluations at distinct minutes from T0, each a random state. */
  const evaluations = fc
    .uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 12 })
    .chain((minutes) =>
      fc.tuple(
        fc.constant([...minutes].sort((a, b) => a - b)),
        fc.array(fc.constantFrom(...STATES), { minLength: minutes.length, maxLength: minutes.length }),
      ),
    )
    .map(([minutes, states]) => minutes.map((m, i) => ({ at: minute(m), state: states[i] as AlarmState, reason: '' })));
  const spec = composite('TRUE', { okActions: [TOPIC], insufficientDataActions: [TOPIC] });
  const timelineOf = (name: string, evals: AlarmTimeline['evaluations']): AlarmTimeline => ({
    name,
    kind: 'compositeAlarm',
    periods: [],
    evaluations: evals,
    transitions: transitionsOf(evals, (to) => actionsFor(spec, to)),
  });
  const period = fc.constantFrom(0, 30, 60, 120, 300);
  const until = minute(60);

  test('nothing is sent inside a suppression span; unsuppressed changes keep their actions; a release acts on the state then, once', () => {
    fc.assert(
      fc.property(evaluations, evaluations, period, period, (own, other, waitPeriod, extensionPeriod) => {
        const plain = timelineOf('page', own);
        const out = applySuppressor(
          plain,
          spec,
          {
            alarm: 'db-down',
            waitPeriod,
            extensionPeriod,
            timeline: timelineOf('db-down', other),
          },
          until,
        );
        for (const m of actionMoments(out)) if (m.actions.length > 0) expect(suppressionAt(out, m.at)).toBeUndefined();
        expect(out.transitions.map((t) => [t.at, t.to])).toEqual(plain.transitions.map((t) => [t.at, t.to]));
        out.transitions.forEach((t, i) =>
          expect(t.actions).toEqual(t.suppressedBy ? [] : plain.transitions[i]?.actions),
        );
        for (const r of out.released ?? []) {
          expect(r.to).toBe(stateAt(plain, r.at));
          expect(r.from).not.toBe(r.to);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a suppressor never in ALARM with no wait changes nothing', () => {
    fc.assert(
      fc.property(evaluations, period, (own, extensionPeriod) => {
        const plain = timelineOf('page', own);
        const out = applySuppressor(plain, spec, { alarm: 'elsewhere', waitPeriod: 0, extensionPeriod }, until);
        expect(out.transitions).toEqual(plain.transitions);
        expect(out.released).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
