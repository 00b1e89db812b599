import { visible, type SourceLocation } from '../model';

/** Where a plan's files live on GitHub: links then point at the exact commit the plan was made from. */
export interface SourceLinks {
  /** e.g. https://github.com (GITHUB_SERVER_URL, so GitHub Enterprise works too). */
  readonly serverUrl: string;
  readonly owner: string;
  readonly repo: string;
  /** The pull request's head commit (or the pushed commit), never a branch name that moves. */
  readonly sha: string;
}

/** Characters that would end a code span or start HTML in a comment, as entities. */
function plainText(s: string): string {
  return s.replace(/[&<>`|[\]\\*_]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * `file:line` for a declaration: a link to that line at the commit when the repository is known (the
 * action), plain text otherwise (the CLI). A path leaving the repository gets no link.
 */
export function sourceRef(source: SourceLocation, links?: SourceLinks): string {
  const file = visible(source.file).split('\\').join('/');
  const label = plainText(`${file}:${source.line}`);
  const inRepo = !file.startsWith('../') && !file.startsWith('/') && file !== '..';
  if (!links || !inRepo) return label;
  const segments = (s: string) => s.split('/').map(encodeURIComponent).join('/');
  const href = `${links.serverUrl.replace(/\/$/, '')}/${segments(links.owner)}/${segments(links.repo)}/blob/${encodeURIComponent(links.sha)}/${segments(file.replace(/^\.\//, ''))}#L${source.line}`;
  return `<a href="${href}">${label}</a>`;
}
