/**
 * What can be known offline about a Logs Insights query (the CWLI language): that it is not empty,
 * that its quotes and regexes close, that every command between pipes is one Logs Insights has, and
 * the arguments of `limit` and `sort`. The rest (field names, functions' arguments) only AWS checks,
 * when the query runs. Pure: returns the first problem and the character it is at.
 */
import { didYouMean } from '../../shared/suggest';

/** The commands of the query syntax reference ("CloudWatch Logs Insights language query syntax"). */
export const QUERY_COMMANDS: readonly string[] = [
  'fields',
  'display',
  'filter',
  'filterIndex',
  'stats',
  'sort',
  'limit',
  'parse',
  'dedup',
  'unmask',
  'pattern',
  'diff',
  'anomaly',
  'unnest',
  'lookup',
  'SOURCE',
];
const KNOWN = new Map(QUERY_COMMANDS.map((c) => [c.toLowerCase(), c]));

/** AWS's limits: PutQueryDefinition's queryString, and the most rows `limit` may ask for. */
export const MAX_QUERY_LENGTH = 10_000;
export const MAX_LIMIT = 10_000;

export interface QueryProblem {
  readonly message: string;
  /** Character of the query string the problem is at. */
  readonly offset: number;
}

interface Segment {
  readonly text: string;
  readonly offset: number;
}

/** Words after which a `/` opens a regex rather than dividing. */
const REGEX_BEFORE = /(?:\blike|=~|[(,]|^\s*parse\s+\S+)\s*$/i;

/** The commands between pipes, with comments (# to the end of the line) blanked; or where a quote or regex never closes. */
function segments(query: string): Segment[] | QueryProblem {
  const out: Segment[] = [];
  let start = 0;
  let text = '';
  for (let i = 0; i < query.length; i++) {
    const c = query[i] as string;
    if (c === '"' || c === "'" || c === '`' || (c === '/' && REGEX_BEFORE.test(text))) {
      const close = c;
      let j = i + 1;
      while (j < query.length && query[j] !== close) j += query[j] === '\\' ? 2 : 1;
      if (j >= query.length)
        return { message: c === '/' ? 'this regex never ends (no closing /)' : `this ${c} never closes`, offset: i };
      text += query.slice(i, j + 1);
      i = j;
    } else if (c === '#') {
      const end = query.indexOf('\n', i);
      const stop = end === -1 ? query.length : end;
      text += ' '.repeat(stop - i);
      i = stop - 1;
    } else if (c === '|') {
      out.push({ text, offset: start });
      start = i + 1;
      text = '';
    } else text += c;
  }
  out.push({ text, offset: start });
  return out;
}

function checkArguments(command: string, rest: string, at: number): QueryProblem | undefined {
  const args = rest.trim();
  if (command === 'limit') {
    const n = Number(args);
    if (!/^\d+$/.test(args) || n < 1 || n > MAX_LIMIT)
      return {
        message: `limit takes a whole number of rows from 1 to ${MAX_LIMIT}, not ${JSON.stringify(args)}`,
        offset: at,
      };
  }
  if (command === 'sort' && !/^\S+(\s+(asc|desc))?(\s*,\s*\S+(\s+(asc|desc))?)*$/i.test(args))
    return { message: 'sort takes fields, each optionally followed by asc or desc', offset: at };
  if (args === '' && command !== 'dedup' && command !== 'unmask' && command !== 'diff' && command !== 'anomaly')
    return { message: `${command} needs something after it`, offset: at };
  return undefined;
}

/** The first problem with the query, if any. */
export function checkQuery(query: string): QueryProblem | undefined {
  if (query.trim() === '') return { message: 'the query is empty', offset: 0 };
  if (query.length > MAX_QUERY_LENGTH)
    return {
      message: `the query has ${query.length} characters; AWS allows at most ${MAX_QUERY_LENGTH}`,
      offset: MAX_QUERY_LENGTH,
    };
  const parts = segments(query);
  if (!Array.isArray(parts)) return parts;
  for (const [i, seg] of parts.entries()) {
    const lead = /^\s*/.exec(seg.text)?.[0].length ?? 0;
    const at = seg.offset + lead;
    const word = /^[A-Za-z_]+/.exec(seg.text.slice(lead))?.[0];
    if (word === undefined) {
      if (seg.text.trim() === '' && i === 0 && parts.length === 1) return { message: 'the query is empty', offset: 0 };
      if (seg.text.trim() === '')
        return { message: 'a | with no command after it', offset: Math.max(seg.offset - 1, 0) };
      return {
        message: `a command starts each part of the query, not ${JSON.stringify(seg.text.trim().slice(0, 20))}`,
        offset: at,
      };
    }
    const command = KNOWN.get(word.toLowerCase());
    if (command === undefined)
      return {
        message: `"${word}" is not a Logs Insights command${didYouMean(word, QUERY_COMMANDS)} (commands: ${QUERY_COMMANDS.join(', ')})`,
        offset: at,
      };
    const problem = checkArguments(command, seg.text.slice(lead + word.length), at);
    if (problem) return problem;
  }
  return undefined;
}
