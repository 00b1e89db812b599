/**
 * No `\u000a` in any message: a message's own line breaks (a list, an SDK's multi-line text) print as
 * lines; every other control character is still spelled out, so a value cannot start a line of its own.
 * (The CLI's errors: test/integration/import-forwarder.test.ts.)
 */
import { renderApplySummary } from '../../src/render/apply-summary';
import { visibleLines } from '../../src/model';

test('visibleLines keeps line breaks and spells out the rest', () => {
  expect(visibleLines('one\ntwo\r\nthree\u001b[31m\u0007')).toBe('one\ntwo\nthree\\u0007');
});

test('an AWS message over several lines is several lines under its change in the apply summary', () => {
  const summary = renderApplySummary({
    outcomes: [
      {
        status: 'failed',
        change: {
          action: 'create',
          key: { kind: 'logGroup', region: 'us-east-1', name: '/a' },
          after: { kind: 'logGroup', name: '/a', tags: {} } as never,
        },
        error: { awsCode: 'ValidationException', message: '2 validation errors:\nfirst\nsecond' },
      },
    ],
    done: 0,
    failed: 1,
    skipped: 0,
    durationMs: 1,
  });
  expect(summary).not.toContain('\\u000a');
  expect(summary).toMatch(/ValidationException: 2 validation errors:\n +first\n +second/);
});
