/** The GitHub Action entry point (bundled into dist/index.js): runner I/O via @actions/core, nothing else. */
import * as core from '@actions/core';
import { MonitorsError, neutralised, visible, visibleLines } from './model';
import { GITHUB_TIMEOUT_MS, GitHubApi } from './github/api';
import { readEvent } from './github/event';
import { parseInputs } from './github/inputs';
import { runAction, type ActionIo } from './github/run-action';

// The runtime is node24 (action.yml); should the SDK ever print a Node-version notice there, it is noise in every log.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const io: ActionIo = {
  // Lines of the log: no control character, and no line the runner would take as a workflow command.
  info: (m) => core.info(neutralised(visibleLines(m))),
  warning: (m) => core.warning(visibleLines(m)),
  annotate: (d) => {
    // The file's name is the user's (or an attacker's) too: no control or bidi character reaches the annotation.
    const props = {
      file: visible(d.location.file),
      startLine: d.location.line,
      startColumn: d.location.column,
      title: d.code,
    };
    if (d.severity === 'error') core.error(visibleLines(d.message), props);
    else core.warning(visibleLines(d.message), props);
  },
  setOutput: (name, value) => core.setOutput(name, value),
  setSecret: (value) => core.setSecret(value),
  setFailed: (message) => core.setFailed(visible(message)),
  appendSummary: async (markdown) => {
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();
  },
};

async function main(): Promise<void> {
  const inputs = parseInputs((name) => core.getInput(name));
  const event = readEvent(process.env);
  if (inputs.githubToken) core.setSecret(inputs.githubToken);
  const github = inputs.githubToken
    ? new GitHubApi(
        event.apiUrl,
        inputs.githubToken,
        event.owner,
        event.repo,
        inputs.requestTimeoutSeconds === undefined ? GITHUB_TIMEOUT_MS : inputs.requestTimeoutSeconds * 1000,
      )
    : undefined;
  await runAction(inputs, event, io, github, process.env);
}

main().catch((err: unknown) => {
  core.setFailed(
    err instanceof MonitorsError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err),
  );
});
