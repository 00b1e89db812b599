/**
 * The part of CloudWatch metric math the simulator evaluates: numbers, query ids, + - * /, parentheses,
 * unary minus and FILL(x, value) ("Using math expressions with CloudWatch metrics"). A value is one
 * period's number, or undefined when the period has no datapoint; arithmetic on a missing value, and a
 * division by zero, is missing (CloudWatch leaves such a timestamp out of the result).
 */
import { MonitorsError } from '../model';

export type MathNode =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'negate'; readonly of: MathNode }
  | { readonly kind: 'binary'; readonly op: '+' | '-' | '*' | '/'; readonly left: MathNode; readonly right: MathNode }
  | { readonly kind: 'fill'; readonly of: MathNode; readonly value: MathNode };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/(),]))/y;

/** Parses an expression; throws a MonitorsError (USAGE) naming what it cannot evaluate. */
export function parseMath(expression: string): MathNode {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(expression);
    if (!m) {
      const rest = expression.slice(at);
      if (/^\s*$/.test(rest)) break;
      const where = at + (/^\s*/.exec(rest)?.[0].length ?? 0) + 1;
      throw new MonitorsError(
        'USAGE',
        `metric math ${JSON.stringify(expression)}: cannot read it at character ${where}`,
      );
    }
    tokens.push((m[1] ?? m[2] ?? m[3]) as string);
  }
  let i = 0;
  const fail = (why: string): never => {
    throw new MonitorsError('USAGE', `metric math ${JSON.stringify(expression)}: ${why}`);
  };
  const expect = (t: string) => (tokens[i] === t ? i++ : fail(`expected "${t}"`));
  const primary = (): MathNode => {
    const t = tokens[i++];
    if (t === undefined) return fail('it ends too soon');
    if (t === '(') {
      const inner = sum();
      expect(')');
      return inner;
    }
    if (t === '-') return { kind: 'negate', of: primary() };
    if (/^\d/.test(t)) return { kind: 'number', value: Number(t) };
    if (/^[A-Za-z_]/.test(t)) {
      if (tokens[i] !== '(') return { kind: 'id', id: t };
      if (t !== 'FILL') return fail(`the simulator evaluates FILL and arithmetic, not ${t}()`);
      i++;
      const of = sum();
      expect(',');
      const value = sum();
      expect(')');
      return { kind: 'fill', of, value };
    }
    return fail(`unexpected "${t}"`);
  };
  const product = (): MathNode => {
    let left = primary();
    while (tokens[i] === '*' || tokens[i] === '/') {
      const op = tokens[i++] as '*' | '/';
      left = { kind: 'binary', op, left, right: primary() };
    }
    return left;
  };
  const sum = (): MathNode => {
    let left = product();
    while (tokens[i] === '+' || tokens[i] === '-') {
      const op = tokens[i++] as '+' | '-';
      left = { kind: 'binary', op, left, right: product() };
    }
    return left;
  };
  const tree = sum();
  if (i < tokens.length) fail(`unexpected "${tokens[i] as string}"`);
  return tree;
}

/** The ids an expression reads. */
export function mathIds(node: MathNode): string[] {
  switch (node.kind) {
    case 'number':
      return [];
    case 'id':
      return [node.id];
    case 'negate':
      return mathIds(node.of);
    case 'binary':
      return [...mathIds(node.left), ...mathIds(node.right)];
    case 'fill':
      return [...mathIds(node.of), ...mathIds(node.value)];
  }
}

/** One period's value of an expression, given the values of the ids it reads. */
export function evaluateMath(node: MathNode, values: ReadonlyMap<string, number | undefined>): number | undefined {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'id':
      return values.get(node.id);
    case 'negate': {
      const v = evaluateMath(node.of, values);
      return v === undefined ? undefined : -v;
    }
    case 'fill':
      return evaluateMath(node.of, values) ?? evaluateMath(node.value, values);
    case 'binary': {
      const a = evaluateMath(node.left, values);
      const b = evaluateMath(node.right, values);
      if (a === undefined || b === undefined) return undefined;
      const r = node.op === '+' ? a + b : node.op === '-' ? a - b : node.op === '*' ? a * b : a / b;
      return Number.isFinite(r) ? r : undefined;
    }
  }
}
