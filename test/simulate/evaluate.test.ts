/**
 * One evaluation, checked against every row of the two example tables of "How alarm state is evaluated
 * when data is missing" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html).
 * In the tables 0 is a non-breaching datapoint, X a breaching one, - a missing one, oldest first; the
 * evaluation range holds 5 datapoints. "Retain current state" is checked from both other states.
 */
import { evaluateRange, evaluationRangeLength, type AlarmState, type Point } from '../../src/simulate';

const points = (row: string): Point[] =>
  row.split(' ').map((c) => (c === 'X' ? 'breaching' : c === '0' ? 'notBreaching' : 'missing'));

type Expected = AlarmState | 'retain';
const MODES = ['missing', 'ignore', 'breaching', 'notBreaching'] as const;

function check(m: number, n: number, row: string, expected: readonly Expected[]) {
  MODES.forEach((mode, i) => {
    const want = expected[i] as Expected;
    for (const current of ['OK', 'ALARM'] as const) {
      const got = evaluateRange(
        points(row),
        { evaluationPeriods: n, datapointsToAlarm: m, treatMissingData: mode },
        current,
      );
      expect({ row, mode, current, state: got.state }).toEqual({
        row,
        mode,
        current,
        state: want === 'retain' ? current : want,
      });
    }
  });
}

test('the documented range is 5 datapoints for 3 evaluation periods (our N + 2 reading)', () => {
  expect(evaluationRangeLength(3)).toBe(5);
});

describe('first table: datapoints to alarm 3, evaluation periods 3', () => {
  test.each([
    ['0 - X - X', ['OK', 'OK', 'OK', 'OK']],
    ['0 - - - -', ['OK', 'OK', 'OK', 'OK']],
    ['- - - - -', ['INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK']],
    ['0 X X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['- - - - X', ['INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK']],
    ['X - - - -', ['ALARM', 'retain', 'ALARM', 'OK']],
  ] as const)('%s', (row, expected) => check(3, 3, row, expected));
});

describe('second table: 2 out of 3 (M of N)', () => {
  test.each([
    ['0 - X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 0 X 0 X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 - X - -', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - - - 0', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - - - X', ['INSUFFICIENT_DATA', 'retain', 'ALARM', 'OK']],
  ] as const)('%s', (row, expected) => check(2, 3, row, expected));
});

test('"The breaching data points do not have to be consecutive": 2 of 3 with a gap alarms', () => {
  const e = evaluateRange(
    points('0 0 X 0 X'),
    { evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: 'missing' },
    'OK',
  );
  expect(e.state).toBe('ALARM');
});

test('with enough real datapoints only the most recent N count, whatever treat-missing-data says', () => {
  // "0 X X - X": the oldest non-breaching datapoint falls out of the 3 most recent real ones.
  for (const mode of MODES) {
    const e = evaluateRange(
      points('0 X X - X'),
      { evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: mode },
      'OK',
    );
    expect(e.state).toBe('ALARM');
  }
});

test('the reason names the counts', () => {
  const e = evaluateRange(
    points('- - X'),
    { evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'missing' },
    'OK',
  );
  expect(e.reason).toBe('1 of 1 datapoints breaching (1 needed) in the most recent real datapoints');
});
