import type { ApplyReporter, ApplyResult, ChangeOutcome } from './executor';

/** Where progress text goes: a stream, or the action's log. */
export interface TextSink {
  write(text: string): unknown;
}

/** A one-line live bar on a terminal: `[#####-----] 42/100 done, 1 failed, ETA 12s`. */
export function ttyReporter(stream: TextSink, now: () => number = Date.now): ApplyReporter {
  let total = 0;
  let finished = 0;
  let failed = 0;
  let started = 0;
  const draw = () => {
    const width = 20;
    const filled = total === 0 ? width : Math.round((finished / total) * width);
    const elapsed = now() - started;
    const eta = finished === 0 ? '?' : `${Math.ceil(((elapsed / finished) * (total - finished)) / 1000)}s`;
    stream.write(
      `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${finished}/${total} done, ${failed} failed, ETA ${eta}`,
    );
  };
  return {
    start(n) {
      total = n;
      started = now();
      draw();
    },
    changeFinished(o: ChangeOutcome) {
      finished++;
      if (o.status !== 'done') failed++;
      draw();
    },
    finished() {
      stream.write('\n');
    },
  };
}

/** Plain progress lines for CI logs: one every `every` changes or `intervalMs`, whichever comes first. */
export function lineReporter(
  stream: TextSink,
  every = 25,
  intervalMs = 10_000,
  now: () => number = Date.now,
): ApplyReporter {
  let total = 0;
  let finished = 0;
  let notDone = 0;
  let lastLine = 0;
  return {
    start(n) {
      total = n;
      lastLine = now();
      stream.write(`Applying ${n} change(s)...\n`);
    },
    changeFinished(o: ChangeOutcome) {
      finished++;
      if (o.status !== 'done') notDone++;
      if (finished % every === 0 || now() - lastLine >= intervalMs) {
        lastLine = now();
        stream.write(`  ${finished}/${total} applied (${notDone} failed or skipped)\n`);
      }
    },
    finished(result: ApplyResult) {
      stream.write(`Applied ${result.done}/${total} in ${(result.durationMs / 1000).toFixed(1)}s.\n`);
    },
  };
}

/** The bar on a terminal, lines elsewhere (CI logs). */
export function createProgressReporter(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  env: NodeJS.ProcessEnv,
): ApplyReporter {
  return stream.isTTY && !env.CI ? ttyReporter(stream) : lineReporter(stream);
}
