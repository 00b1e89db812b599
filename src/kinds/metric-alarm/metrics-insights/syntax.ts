/**
 * What can be known offline about a Metrics Insights query (CloudWatch's SQL dialect, "Query
 * components and syntax in CloudWatch Metrics Insights"): one SELECT of AVG, COUNT, MAX, MIN or SUM
 * of a metric, FROM a namespace or SCHEMA(namespace, label keys…), then WHERE, GROUP BY, ORDER BY
 * and LIMIT in that order, each at most once; quotes that close; AWS's limits on the expression's
 * length and on the time series a query returns. Whether the metric, namespace and labels exist only
 * AWS can say. Pure: returns the parsed query, or the first problem and the character it is at.
 */
import { didYouMean } from '../../../shared/suggest';

/** The aggregate functions of SELECT and ORDER BY. */
export const INSIGHTS_FUNCTIONS: readonly string[] = ['AVG', 'COUNT', 'MAX', 'MIN', 'SUM'];
/** The clauses after FROM, in the order the grammar allows them. */
const CLAUSES = ['WHERE', 'GROUP', 'ORDER', 'LIMIT'] as const;
/** CloudWatch's statistic names, which people write out of habit, and the function each one is. */
const STATISTIC_FUNCTIONS: Readonly<Record<string, string>> = {
  AVERAGE: 'AVG',
  SAMPLECOUNT: 'COUNT',
  MAXIMUM: 'MAX',
  MINIMUM: 'MIN',
};
const KEYWORDS = ['SELECT', 'FROM', 'SCHEMA', ...CLAUSES, 'BY', 'ASC', 'DESC', 'AND', 'OR', 'NOT', 'IN', 'LIKE'];

/** MetricDataQuery.Expression's length in AWS's API model. */
export const MAX_INSIGHTS_QUERY_LENGTH = 2048;
/** "A single query can return no more than 500 time series" (Metrics Insights quotas). */
export const MAX_INSIGHTS_LIMIT = 500;

export interface InsightsProblem {
  readonly message: string;
  /** Character of the query string the problem is at. */
  readonly offset: number;
}

/** The parts of a query that other checks and the docs speak of. */
export interface InsightsQuery {
  readonly fn: string;
  readonly metricName: string;
  readonly namespace: string;
  /** The label keys of SCHEMA(namespace, keys…), when FROM is a SCHEMA. */
  readonly schemaKeys?: readonly string[];
  readonly groupBy: readonly string[];
  readonly orderBy?: { readonly fn: string; readonly direction: 'ASC' | 'DESC' };
  readonly limit?: number;
}

type TokenType = 'word' | 'quoted' | 'string' | 'number' | 'punct';
interface Token {
  readonly type: TokenType;
  /** A word as written, a quoted identifier or string without its quotes, or the punctuation. */
  readonly text: string;
  readonly offset: number;
}

class Problem extends Error {
  constructor(readonly problem: InsightsProblem) {
    super(problem.message);
  }
}

const fail = (message: string, offset: number): never => {
  throw new Problem({ message, offset });
};

/** A quoted run from `at` (a " or a '), with backslash escapes; where it never closes, a problem. */
function quoted(query: string, at: number): { text: string; end: number } {
  const close = query[at] as string;
  let text = '';
  let j = at + 1;
  while (j < query.length && query[j] !== close) {
    if (query[j] === '\\' && j + 1 < query.length) j++;
    text += query[j];
    j++;
  }
  if (j >= query.length)
    fail(
      close === '"'
        ? 'this " never closes (a quoted name ends with ")'
        : "this ' never closes (a label value ends with ')",
      at,
    );
  return { text, end: j + 1 };
}

function tokenize(query: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i] as string;
    if (/\s/.test(c)) i++;
    else if (c === '"' || c === "'") {
      const q = quoted(query, i);
      out.push({ type: c === '"' ? 'quoted' : 'string', text: q.text, offset: i });
      i = q.end;
    } else if (c === '!' && query[i + 1] === '=') {
      out.push({ type: 'punct', text: '!=', offset: i });
      i += 2;
    } else if ('(),='.includes(c)) {
      out.push({ type: 'punct', text: c, offset: i });
      i++;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(query.slice(i)) as RegExpExecArray;
      out.push({ type: 'number', text: m[0], offset: i });
      i += m[0].length;
    } else if (/[A-Za-z_@]/.test(c)) {
      // Dots and @ let label keys such as tag.team or @aws.region through unquoted.
      const m = /^[A-Za-z0-9_@.:-]+/.exec(query.slice(i)) as RegExpExecArray;
      out.push({ type: 'word', text: m[0], offset: i });
      i += m[0].length;
    } else if (c === '/' && out.at(-1)?.type === 'word') {
      fail('a name with / (such as AWS/EC2) must be in double quotes: "AWS/EC2"', (out.at(-1) as Token).offset);
    } else if ('<>'.includes(c)) {
      fail('Metrics Insights compares a label with = or != (and IN, LIKE), not < or >', i);
    } else fail(`${JSON.stringify(c)} has no place in a Metrics Insights query`, i);
  }
  return out;
}

/** A recursive-descent reader over the tokens, failing at the token it could not use. */
class Reader {
  private i = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly length: number,
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.i];
  }
  next(): Token | undefined {
    return this.tokens[this.i++];
  }
  /** Where the next token is, or the end of the query. */
  here(): number {
    return this.peek()?.offset ?? this.length;
  }
  isWord(word: string): boolean {
    const t = this.peek();
    return t?.type === 'word' && t.text.toUpperCase() === word;
  }
  isPunct(p: string): boolean {
    const t = this.peek();
    return t?.type === 'punct' && t.text === p;
  }
  /** The keyword, or a problem naming it (with the closest spelling of what was written). */
  keyword(word: string, context: string): void {
    if (this.isWord(word)) {
      this.i++;
      return;
    }
    const t = this.peek();
    if (t === undefined) fail(`the query ends where ${word} ${context} should be`, this.length);
    const hint = t?.type === 'word' ? didYouMean(t.text, [word]) : '';
    fail(`expected ${word} ${context}, found ${describe(t as Token)}${hint}`, (t as Token).offset);
  }
  punct(p: string, context: string): void {
    if (this.isPunct(p)) {
      this.i++;
      return;
    }
    const t = this.peek();
    fail(`expected "${p}" ${context}, found ${t ? describe(t) : 'the end of the query'}`, this.here());
  }
  /** A name: a plain word that is no keyword, or a double-quoted name. */
  name(what: string): Token {
    const t = this.peek();
    if (t && (t.type === 'quoted' || (t.type === 'word' && !KEYWORDS.includes(t.text.toUpperCase())))) {
      this.i++;
      if (t.text === '') fail(`${what} is empty`, t.offset);
      return t;
    }
    if (t?.type === 'string')
      fail(`${what} is a name: write it in double quotes ("…"); single quotes are for label values`, t.offset);
    return fail(`expected ${what}, found ${t ? describe(t) : 'the end of the query'}`, this.here());
  }
  fn(context: string): string {
    const t = this.peek();
    if (t?.type !== 'word')
      return fail(
        `expected a function (${INSIGHTS_FUNCTIONS.join(', ')}) ${context}, found ${t ? describe(t) : 'the end of the query'}`,
        this.here(),
      );
    const upper = t.text.toUpperCase();
    if (!INSIGHTS_FUNCTIONS.includes(upper)) {
      const statistic = STATISTIC_FUNCTIONS[upper];
      const hint = statistic ? `; did you mean "${statistic}"?` : didYouMean(upper, INSIGHTS_FUNCTIONS);
      fail(
        `${JSON.stringify(t.text)} is not a Metrics Insights function${hint} (functions: ${INSIGHTS_FUNCTIONS.join(', ')})`,
        t.offset,
      );
    }
    this.i++;
    return upper;
  }
}

function describe(t: Token): string {
  if (t.type === 'quoted') return 'a quoted name';
  if (t.type === 'string') return 'a quoted value';
  return JSON.stringify(t.text.length > 30 ? `${t.text.slice(0, 30)}…` : t.text);
}

/** WHERE's condition: comparisons joined by AND / OR, grouped by parentheses. */
function condition(r: Reader): void {
  comparison(r);
  while (r.isWord('AND') || r.isWord('OR')) {
    r.next();
    comparison(r);
  }
}

function comparison(r: Reader): void {
  if (r.isPunct('(')) {
    r.next();
    condition(r);
    r.punct(')', 'to close the ( of this condition');
    return;
  }
  r.name('a label key');
  if (r.isWord('NOT')) r.next();
  if (r.isWord('IN')) {
    r.next();
    r.punct('(', 'after IN');
    value(r);
    while (r.isPunct(',')) {
      r.next();
      value(r);
    }
    r.punct(')', 'to close the list of IN');
    return;
  }
  if (r.isWord('LIKE')) {
    r.next();
    value(r);
    return;
  }
  if (r.isPunct('=') || r.isPunct('!=')) {
    r.next();
    value(r);
    return;
  }
  const t = r.peek();
  fail(
    `expected = or != (or IN, LIKE) after the label key, found ${t ? describe(t) : 'the end of the query'}`,
    r.here(),
  );
}

function value(r: Reader): void {
  const t = r.peek();
  if (t?.type === 'string' || t?.type === 'number') {
    r.next();
    return;
  }
  if (t?.type === 'quoted' || t?.type === 'word')
    fail(`a label value is written in single quotes: '${t.text.slice(0, 30)}'`, t.offset);
  fail(`expected a label value in single quotes, found ${t ? describe(t) : 'the end of the query'}`, r.here());
}

function clauseWord(r: Reader): (typeof CLAUSES)[number] | undefined {
  const t = r.peek();
  if (t?.type !== 'word') return undefined;
  const upper = t.text.toUpperCase();
  return (CLAUSES as readonly string[]).includes(upper) ? (upper as (typeof CLAUSES)[number]) : undefined;
}

function source(r: Reader): { namespace: string; schemaKeys?: string[] } {
  if (r.isWord('SCHEMA')) {
    r.next();
    r.punct('(', 'after SCHEMA');
    const namespace = r.name("the namespace (SCHEMA's first argument)").text;
    const schemaKeys: string[] = [];
    while (r.isPunct(',')) {
      r.next();
      schemaKeys.push(r.name('a label key').text);
    }
    r.punct(')', 'to close SCHEMA(');
    return { namespace, schemaKeys };
  }
  const t = r.peek();
  if (t?.type === 'word' && t.text.toUpperCase() !== 'SCHEMA' && /^schem/i.test(t.text))
    fail(`${JSON.stringify(t.text)} is no keyword; did you mean "SCHEMA"?`, t.offset);
  return { namespace: r.name('a namespace or SCHEMA(…) after FROM').text };
}

function read(query: string): InsightsQuery {
  const r = new Reader(tokenize(query), query.length);
  r.keyword('SELECT', 'at the start of a Metrics Insights query');
  const fn = r.fn('after SELECT');
  r.punct('(', `after ${fn}`);
  const metricName = r.name('the metric name').text;
  r.punct(')', 'after the metric name');
  r.keyword('FROM', 'after SELECT …(…)');
  const { namespace, schemaKeys } = source(r);
  const groupBy: string[] = [];
  let orderBy: InsightsQuery['orderBy'];
  let limit: number | undefined;
  let last = -1;
  while (r.peek() !== undefined) {
    const t = r.peek() as Token;
    const clause = clauseWord(r);
    if (clause === undefined) {
      const hint = t.type === 'word' ? didYouMean(t.text.toUpperCase(), [...CLAUSES, 'GROUP BY', 'ORDER BY']) : '';
      const word = t.type === 'word' ? t.text.toUpperCase() : '';
      if (word === 'SELECT') fail('a Metrics Insights query has one SELECT', t.offset);
      fail(`expected WHERE, GROUP BY, ORDER BY or LIMIT, found ${describe(t)}${hint}`, t.offset);
    }
    const at = CLAUSES.indexOf(clause as (typeof CLAUSES)[number]);
    if (at === last) fail(`${clause} comes once in a query`, t.offset);
    if (at < last)
      fail(`${clause} comes before ${CLAUSES[last]}: the order is WHERE, GROUP BY, ORDER BY, LIMIT`, t.offset);
    last = at;
    r.next();
    if (clause === 'WHERE') condition(r);
    else if (clause === 'GROUP') {
      r.keyword('BY', 'after GROUP');
      groupBy.push(r.name('a label key after GROUP BY').text);
      while (r.isPunct(',')) {
        r.next();
        groupBy.push(r.name('a label key').text);
      }
    } else if (clause === 'ORDER') {
      r.keyword('BY', 'after ORDER');
      const by = r.fn('after ORDER BY');
      r.punct('(', `after ${by}: ORDER BY takes ${by}() with nothing inside`);
      r.punct(')', `after ${by}(: ORDER BY takes ${by}() with nothing inside`);
      let direction: 'ASC' | 'DESC' = 'ASC';
      if (r.isWord('ASC') || r.isWord('DESC')) direction = (r.next() as Token).text.toUpperCase() as 'ASC' | 'DESC';
      orderBy = { fn: by, direction };
    } else {
      const n = r.peek();
      if (n?.type !== 'number' || !/^[0-9]+$/.test(n.text) || Number(n.text) < 1 || Number(n.text) > MAX_INSIGHTS_LIMIT)
        fail(
          `LIMIT takes a whole number of time series from 1 to ${MAX_INSIGHTS_LIMIT} (a query returns at most ${MAX_INSIGHTS_LIMIT}), not ${n ? describe(n) : 'nothing'}`,
          r.here(),
        );
      limit = Number((r.next() as Token).text);
    }
  }
  return {
    fn,
    metricName,
    namespace,
    ...(schemaKeys ? { schemaKeys } : {}),
    groupBy,
    ...(orderBy ? { orderBy } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}

/** The query parsed, or its first problem. */
export function parseInsightsQuery(query: string): InsightsQuery | InsightsProblem {
  if (query.trim() === '') return { message: 'the query is empty', offset: 0 };
  if (query.length > MAX_INSIGHTS_QUERY_LENGTH)
    return {
      message: `the query has ${query.length} characters; AWS allows at most ${MAX_INSIGHTS_QUERY_LENGTH}`,
      offset: MAX_INSIGHTS_QUERY_LENGTH,
    };
  try {
    return read(query);
  } catch (err) {
    if (err instanceof Problem) return err.problem;
    throw err;
  }
}

/** Whether a parse answered a problem. */
export function isInsightsProblem(r: InsightsQuery | InsightsProblem): r is InsightsProblem {
  return 'message' in r;
}

/** Whether a metric-math expression is a Metrics Insights query (AWS tells them apart by SELECT). */
export function isInsightsExpression(expression: string | undefined): boolean {
  return expression !== undefined && /^\s*SELECT\b/i.test(expression);
}
