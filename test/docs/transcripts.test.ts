/**
 * Transcripts in README.md and docs/ are real runs, not prose: a fenced block right after a
 * `<!-- transcript: FIXTURE [emulator] -->` line starts with `$ monitors ARGS`, and the rest of the block
 * is what that command prints (stdout, then stderr) when run in test/docs/fixtures/FIXTURE. With
 * `emulator`, it runs against a fresh emulator account (its id shown as 123456789012).
 * `MONITORS_UPDATE_TRANSCRIPTS=1 npx jest test/docs/transcripts` rewrites the blocks from real runs.
 */
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { runCli } from '../../src/cli/run';
import { freshAccount } from '../harness/emulator';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures');
const SHOWN_ACCOUNT = '123456789012';
// Prettier puts a blank line between the marker and the fence; in a list item, both are indented.
const MARKER = /^( *)<!-- transcript: ([\w-]+)( emulator)? -->\n\n?\1(`{3,})text\n([\s\S]*?)\n\1\4\n/gm;

interface Transcript {
  readonly page: string;
  readonly fixture: string;
  readonly emulator: boolean;
  /** The block's lines without the list item's indentation. */
  readonly block: string;
  readonly indent: string;
}

function pages(): string[] {
  const docs = readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join('docs', f));
  return ['README.md', ...docs];
}

function transcripts(): Transcript[] {
  return pages().flatMap((page) =>
    [...readFileSync(path.join(ROOT, page), 'utf8').matchAll(MARKER)].map((m) => {
      const indent = m[1] as string;
      return {
        page,
        fixture: m[2] as string,
        emulator: m[3] !== undefined,
        block: (m[5] as string)
          .split('\n')
          .map((l) => l.slice(indent.length))
          .join('\n'),
        indent,
      };
    }),
  );
}

/** Splits a shell line the way the docs write them: words, and '…' or "…" quoted words. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? (m[3] as string));
}

/** Runs `monitors ARGS` in the fixture's directory and returns what a terminal would show after the $ line. */
async function run(t: Transcript, command: string): Promise<string> {
  const argv = words(command.replace(/^\$ monitors /, ''));
  let env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
  let accountId: string | undefined;
  if (t.emulator) {
    const account = freshAccount();
    accountId = account.accountId;
    argv.push('--endpoint-url', account.endpoint);
    env = { ...env, AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: account.region };
  }
  const out: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => out.push(chunk));
  const cwd = process.cwd();
  process.chdir(path.join(FIXTURES, t.fixture));
  try {
    await runCli(argv, { stdout: sink, stderr: sink, stdin: new PassThrough(), env });
  } finally {
    process.chdir(cwd);
  }
  let text = Buffer.concat(out).toString('utf8').trimEnd();
  if (accountId) text = text.split(accountId).join(SHOWN_ACCOUNT);
  return text;
}

const all = transcripts();

test('README.md and docs/ hold transcripts, each with its fixture and its command', () => {
  expect(all.map((t) => t.page)).toContain('README.md');
  for (const t of all) {
    expect(readdirSync(path.join(FIXTURES, t.fixture)).length).toBeGreaterThan(0);
    expect(t.block).toMatch(/^\$ monitors \S/);
  }
});

test.each(all.map((t) => [`${t.page}: ${t.block.split('\n')[0]}`, t] as const))('%s', async (_name, t) => {
  const [command, ...shown] = t.block.split('\n');
  const real = await run(t, command as string);
  if (process.env.MONITORS_UPDATE_TRANSCRIPTS === '1' && real !== shown.join('\n')) {
    const file = path.join(ROOT, t.page);
    const text = readFileSync(file, 'utf8');
    const indented = (block: string) => block.replace(/^/gm, t.indent);
    writeFileSync(file, text.replace(`${indented(t.block)}\n`, `${indented(`${command}\n${real}`)}\n`));
    return;
  }
  expect(shown.join('\n')).toBe(real);
});

test("the README's YAML example is the stack its plan transcript was run on", () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const example = /## What it looks like\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  const fixture = readFileSync(path.join(FIXTURES, 'readme-plan', 'monitors', 'stack.yaml'), 'utf8');
  expect(example).toBe(fixture);
});
