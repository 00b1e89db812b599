import { createInterface } from 'readline';
import type { CliIo } from '../cli/io';

/** Asks a question on the terminal (on stderr when stdout is kept for one JSON document); true only for "yes". */
export async function ask(io: CliIo, question: string, output: NodeJS.WritableStream = io.stdout): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}
