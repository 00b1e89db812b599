/** The `monitors` command: parses argv, runs one command, sets the exit code. No logic lives here. */
import { runCli } from './cli/run';

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
