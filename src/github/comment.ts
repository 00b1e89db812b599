import type { GitHubApi } from './api';

/** The hidden line that makes a comment ours; one per directory, so two stacks in a repo get two comments. */
export function commentMarker(directory: string): string {
  return `<!-- monitors-plan: ${directory.replace(/--/g, '- -')} -->`;
}

/** The hidden line of an apply-result comment (one per apply, so never edited afterwards). */
export function applyMarker(directory: string): string {
  return `<!-- monitors-apply: ${directory.replace(/--/g, '- -')} -->`;
}

/** Updates the pull request's plan comment in place, or creates it the first time. Never a second one. */
export async function upsertComment(
  api: GitHubApi,
  issue: number,
  marker: string,
  body: string,
): Promise<{ id: number; created: boolean }> {
  const text = `${marker}\n${body}`;
  // Only a bot's comment is ours to edit: a person quoting the marker keeps their comment.
  const existing = (await api.listComments(issue)).find((c) => c.body.startsWith(marker) && c.user?.type === 'Bot');
  if (existing) {
    await api.updateComment(existing.id, text);
    return { id: existing.id, created: false };
  }
  const made = await api.createComment(issue, text);
  return { id: made.id, created: true };
}
