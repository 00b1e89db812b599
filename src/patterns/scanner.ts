/**
 * The one tokenizer under every filter-pattern form: a cursor over the pattern text that reads the
 * lexical pieces the three grammars share (whitespace, double-quoted strings, `%regex%` terms,
 * operators, bare words). Each grammar asks for the piece it expects next, so `&&` inside a quoted
 * string or `,` inside `"a,b"` is never mistaken for syntax. Problems throw `PatternSyntaxError`,
 * which only `parseFilterPattern` catches and turns into a result.
 */
import type { ComparisonOperator, RegexValue } from './ast';
import { compileRegex } from './regex';

export class PatternSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'PatternSyntaxError';
  }
}

export class Scanner {
  pos = 0;
  regexCount = 0;
  /** Wildcard selectors (`[*]`, `.*`) seen so far in a JSON pattern, for AWS's per-pattern quota. */
  wildcardCount = 0;

  constructor(readonly text: string) {}

  fail(message: string, offset = this.pos): never {
    throw new PatternSyntaxError(message, offset);
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(n = 0): string {
    return this.text.charAt(this.pos + n);
  }

  startsWith(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text.charAt(this.pos))) this.pos++;
  }

  /** Consumes `s` if it comes next (after whitespace). */
  eat(s: string): boolean {
    this.skipSpace();
    if (!this.startsWith(s)) return false;
    this.pos += s.length;
    return true;
  }

  expect(s: string, what: string): void {
    if (!this.eat(s)) this.fail(`expected ${what}${this.describeHere()}`);
  }

  /** ", found X" or ", found the end of the pattern", for error messages. */
  describeHere(): string {
    if (this.done) return ', found the end of the pattern';
    const rest = this.text.slice(this.pos).match(/^\S{1,20}/)?.[0] ?? this.peek();
    return `, found ${JSON.stringify(rest)}`;
  }

  /** A double-quoted string starting at the cursor; `\"` and `\\` are escapes. Returns the content. */
  quoted(): string {
    const start = this.pos;
    this.pos++; // opening quote
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text.charAt(this.pos);
      if (ch === '\\' && (this.peek(1) === '"' || this.peek(1) === '\\')) {
        out += this.peek(1);
        this.pos += 2;
        continue;
      }
      if (ch === '"') {
        this.pos++;
        return out;
      }
      out += ch;
      this.pos++;
    }
    return this.fail('unclosed double quote', start);
  }

  /** A `%regex%` term starting at the cursor, checked against AWS's supported subset. */
  regex(): RegexValue {
    const start = this.pos;
    const end = this.text.indexOf('%', start + 1);
    if (end < 0) this.fail('unclosed %regex% term: a regex term starts and ends with %', start);
    const source = this.text.slice(start + 1, end);
    const checked = compileRegex(source);
    if (!checked.ok) this.fail(checked.message, checked.offset + start + 1);
    this.regexCount++;
    this.pos = end + 1;
    return { kind: 'regex', source, regex: checked.regex, offset: start };
  }

  /** A comparison operator at the cursor (after whitespace), or undefined. */
  operator(): ComparisonOperator | undefined {
    this.skipSpace();
    for (const op of ['!=', '<=', '>=', '=', '<', '>'] as const) {
      if (this.startsWith(op)) {
        this.pos += op.length;
        return op;
      }
    }
    return undefined;
  }

  /** The longest run of characters accepted by `ok`, starting at the cursor (may be empty). */
  run(ok: (ch: string) => boolean): string {
    const start = this.pos;
    while (this.pos < this.text.length && ok(this.text.charAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }
}

/** AWS's number syntax: optional sign, integer or decimal, optional exponent. */
export const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
