/** Progress output: a bar with counts and ETA on a terminal, periodic plain lines in CI logs. */
import { lineReporter, ttyReporter } from '../../src/apply/progress';
import type { ChangeOutcome } from '../../src/apply/executor';

const done = { status: 'done' } as ChangeOutcome;
const failed = { status: 'failed' } as ChangeOutcome;

test('the terminal bar counts done and failed changes and estimates the time left', () => {
  let t = 0;
  let text = '';
  const r = ttyReporter({ write: (s: string) => (text += s) }, () => t);
  r.start(4);
  t = 1000;
  r.changeFinished(done);
  t = 2000;
  r.changeFinished(failed);
  expect(text.split('\r').pop()).toBe('[##########----------] 2/4 done, 1 failed, ETA 2s');
});

test('CI lines come every N changes or every interval, and a final line', () => {
  let t = 0;
  const lines: string[] = [];
  const r = lineReporter({ write: (s: string) => lines.push(s.trimEnd()) }, 2, 10_000, () => t);
  r.start(5);
  r.changeFinished(done);
  r.changeFinished(failed);
  r.changeFinished(done);
  t = 11_000;
  r.changeFinished(done);
  r.changeFinished(done);
  r.finished({ outcomes: [], done: 4, failed: 1, skipped: 0, durationMs: 12_300 });
  expect(lines).toEqual([
    'Applying 5 change(s)...',
    '  2/5 applied (1 failed or skipped)',
    '  4/5 applied (1 failed or skipped)',
    'Applied 4/5 in 12.3s.',
  ]);
});
