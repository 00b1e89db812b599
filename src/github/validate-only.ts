/**
 * The action's `validate` mode, for pull requests from forks: such a run gets no secrets, no OIDC token
 * and a read-only GitHub token, so it checks the files (schema, references, patterns, limits), annotates
 * every problem on its file and line, and writes the job summary. It never calls AWS or GitHub.
 */
import { loadStack } from '../config/load';
import { resourceCountText } from '../kinds/derived';
import { ConfigError } from '../model';
import { renderMarkdownErrors } from '../render';
import type { ActionInputs } from './inputs';
import { ruleTestsForAction } from './rule-tests';
import type { ActionIo } from './action-io';
import { registerSecret } from './secrets';

export async function validateOnly(inputs: ActionInputs, io: ActionIo, env: NodeJS.ProcessEnv): Promise<void> {
  io.setOutput('has-changes', 'false');
  try {
    const stack = await loadStack(inputs.directory, {
      env,
      regionOverride: inputs.region,
      // A fork's pull request gets no secrets: an unset ${env:} is a warning here, an error in plan.
      secretsOptional: true,
      onSecret: (value) => registerSecret(io, value),
    });
    for (const w of stack.warnings) io.annotate(w);
    const line = `${inputs.directory} is valid: ${resourceCountText([stack])} in ${stack.files.length} file(s)`;
    io.setOutput('summary', line);
    io.info(line);
    // Rule tests are offline too: a fork's pull request gets them, annotated on their lines.
    const tests = await ruleTestsForAction(inputs.directory, env, io.annotate);
    await io.appendSummary(
      `### monitors: validated \`${stack.settings.name}\`\n\n${line}. Not planned: this run has no AWS access (a pull request from a fork gets no secrets or OIDC token); a maintainer's branch gets the plan.\n${tests ? `\n${tests.markdown}` : ''}`,
    );
    if (tests) io.info(tests.summary);
    if (tests?.failed) io.setFailed(`${tests.summary}: see the annotations on the test files`);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const d of err.diagnostics) io.annotate(d);
    await io.appendSummary(renderMarkdownErrors(err.diagnostics));
    io.setOutput('summary', err.message);
    io.setFailed(`${err.message}: see the annotations on the files`);
  }
}
