import { createInterface } from 'readline';
import type { CliIo } from '../cli/run';

/** Asks a question on the terminal; true only for the answer "yes". */
export async function ask(io: CliIo, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stdout });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
    return answer.trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}
