/**
 * Relative links and #anchors in Markdown, checked the way GitHub renders them. Small on purpose: ATX
 * headings, inline links and images, reference definitions and HTML href/id/name, outside code. A
 * full Markdown parser would find the same links in these pages; this needs no dependency.
 */
import { existsSync, readFileSync, statSync } from 'fs';
import * as path from 'path';

/** One link in a page: where it is and what it points at. */
export interface Link {
  readonly line: number;
  readonly target: string;
}

/** The page's lines with fenced code blocks blanked (kept as empty lines, so line numbers hold). */
function proseLines(text: string): string[] {
  let fence: string | undefined;
  return text.split('\n').map((line) => {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined && opener) {
      fence = opener;
      return '';
    }
    if (fence !== undefined) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && /^ {0,3}[`~]+\s*$/.test(line))
        fence = undefined;
      return '';
    }
    return line;
  });
}

/** A line without its inline code spans (a link shown as code is not a link). */
const withoutCode = (line: string) => line.replace(/(`+)[^`]*?\1/g, (m) => ' '.repeat(m.length));

/**
 * GitHub's anchor for a heading: the rendered text in lower case, without punctuation (letters,
 * digits, marks, "_", "-" and spaces stay), spaces as dashes; a repeated one gets -1, -2...
 */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link or image renders as its text
    .replace(/<[^>]+>/g, '') // HTML tags render as nothing
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(^|[\s(])[*_]+|[*_]+(?=$|[\s),.:;!?])/g, '$1'); // emphasis markers
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a page has: its headings' slugs (with GitHub's -1, -2 for repeats) and HTML ids/names. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(text)) {
    const heading = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1];
    if (heading !== undefined) {
      const slug = githubSlug(heading);
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      anchors.add(n === 0 ? slug : `${slug}-${n}`);
    }
    for (const m of line.matchAll(/<[a-z][^>]*\s(?:id|name)=["']([^"']+)["']/gi)) anchors.add(m[1] as string);
  }
  return anchors;
}

/** Every link target in a page, outside code: inline links and images, reference definitions, HTML href/src. */
export function linksOf(text: string): Link[] {
  const links: Link[] = [];
  proseLines(text).forEach((raw, i) => {
    const line = withoutCode(raw);
    const add = (target: string) => links.push({ line: i + 1, target: target.trim() });
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+["'(][^)]*)?\)/g)) add(m[1] as string);
    const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/.exec(line);
    if (definition) add(definition[1] as string);
    for (const m of line.matchAll(/<(?:a|img)\s[^>]*(?:href|src)=["']([^"']+)["']/gi)) add(m[1] as string);
  });
  return links;
}

/** A link that does not resolve, as "file:line: why". */
export interface Broken {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** The links of the pages (paths under root) that point at no file, or at no anchor of their page. */
export function brokenLinks(root: string, pages: readonly string[]): Broken[] {
  const broken: Broken[] = [];
  const anchors = new Map<string, Set<string>>();
  const anchorsIn = (file: string) => {
    let found = anchors.get(file);
    if (!found) anchors.set(file, (found = anchorsOf(readFileSync(file, 'utf8'))));
    return found;
  };
  for (const page of pages) {
    const file = path.join(root, page);
    for (const link of linksOf(readFileSync(file, 'utf8'))) {
      // Another site (or a mail address) is not ours to check offline.
      if (link.target === '' || /^[a-z][a-z0-9+.-]*:/i.test(link.target)) continue;
      const [rawPath = '', anchor] = link.target.split('#', 2);
      const pathPart = decodeURIComponent(rawPath.split('?')[0] ?? '');
      const target = pathPart === '' ? file : path.resolve(path.dirname(file), pathPart);
      const shown = link.target;
      if (!target.startsWith(path.resolve(root) + path.sep) && target !== path.resolve(root)) {
        broken.push({ file: page, line: link.line, message: `${shown} points outside the repository` });
        continue;
      }
      if (!existsSync(target)) {
        broken.push({ file: page, line: link.line, message: `${shown}: no such file` });
        continue;
      }
      if (anchor === undefined || anchor === '') continue;
      if (statSync(target).isDirectory() || !target.endsWith('.md')) {
        broken.push({ file: page, line: link.line, message: `${shown}: an anchor into a file that is not Markdown` });
        continue;
      }
      const wanted = decodeURIComponent(anchor);
      const known = anchorsIn(target);
      if (!known.has(wanted) && !known.has(wanted.toLowerCase())) {
        broken.push({
          file: page,
          line: link.line,
          message: `${shown}: ${path.relative(root, target)} has no heading or id "${anchor}"`,
        });
      }
    }
  }
  return broken;
}
