import { EVENT_ID, constructFromEvents, parseEvents, type Event } from 'js-yaml';

/**
 * The quick reading of a monitors file: js-yaml's event parser, about fifteen times faster than
 * `yaml`'s document parser, which keeps a node with a position for every value (most of the cost of
 * `validate` on a large stack). Both parsers pass the YAML test suite, but they part in a few corners,
 * so the quick result is used only for plain documents where they agree; anything else (and every
 * file with an error) is read again by `yaml`, whose result and messages stay the reference
 * (source.ts). Positions are then parsed only when a message or a plan line needs one.
 *
 * What sends a file to `yaml`:
 * - any syntax error, duplicate key, or nesting deeper than js-yaml's limit;
 * - directives (`%YAML 1.1` changes how `yaml` reads scalars), tags, anchors and aliases (`yaml`
 *   caps alias expansion and resolves tags its own way);
 * - a document that is not a mapping (empty files, lists: the error paths);
 * - a null key (`~: x`: `yaml` makes it "", js-yaml "null"), `__proto__`, and any string that
 *   `yaml` would read as a number in exponent form (js-yaml keeps `1e400` a string, `yaml` makes it
 *   Infinity, which the text checks refuse).
 * - any `${env:}` or `${target.}` reference, any `targets` key, and any value the text checks would
 *   refuse: those need positions and the document itself (env.ts and targets.ts rewrite it in place,
 *   text-checks.ts reports at nodes).
 */
export function quickLoad(text: string): Record<string, unknown> | undefined {
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return undefined;
  }
  let documents = 0;
  for (const e of events) {
    switch (e.type) {
      case EVENT_ID.DOCUMENT:
        documents++;
        if (e.directives.length > 0) return undefined;
        break;
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING:
      case EVENT_ID.SCALAR:
        if (e.anchorStart !== e.anchorEnd || e.tagStart !== e.tagEnd) return undefined;
        break;
      case EVENT_ID.ALIAS:
        return undefined;
      case EVENT_ID.POP:
        break;
    }
  }
  if (documents !== 1) return undefined;
  let value: unknown;
  try {
    value = constructFromEvents(events, { source: text, maxAliases: 0 })[0];
  } catch {
    return undefined;
  }
  if (!isPlainMapping(value) || !plainTree(value)) return undefined;
  return value;
}

function isPlainMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Read by `yaml` as a float in exponent form (its core schema): 1e400 is Infinity there.
const EXPONENT_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
// The text checks' refusals (text-checks.ts): control and invisible characters anywhere, and tabs or
// line breaks (allowed only in prose fields, so any is sent to the full check).
// eslint-disable-next-line no-control-regex
const SUSPECT_CHAR = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
// References rewritten in the document: `${env:}` by env.ts, `${target.}` by targets.ts.
const REWRITTEN = /\$\{(?:env:|target\.)/;

function plainString(s: string): boolean {
  return !SUSPECT_CHAR.test(s) && !REWRITTEN.test(s) && !EXPONENT_FLOAT.test(s);
}

/** Whether every key and value is one both parsers read alike and no check needs positions for. */
function plainTree(v: unknown): boolean {
  if (typeof v === 'string') return plainString(v);
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'boolean' || v === null) return true;
  if (Array.isArray(v)) return v.every((item) => plainTree(item));
  if (!isPlainMapping(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const key of Object.keys(v)) {
    if (key === 'null' || key === '' || key === '__proto__' || key === 'targets' || !plainString(key)) return false;
    if (!plainTree(v[key])) return false;
  }
  return true;
}
