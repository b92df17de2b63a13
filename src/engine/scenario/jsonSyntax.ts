/**
 * Where a scenario file's JSON goes wrong, as a line, a column, what was
 * expected and what was found: codes the catalog turns into a sentence in the
 * reader's language. JSON.parse's own message is the JavaScript engine's, in
 * English only, and V8's newer messages no longer give a position at all.
 *
 * A scanner of RFC 8259's grammar, with an explicit stack (a hostile file of a
 * million "[" must not overflow the call stack). It is only asked after
 * JSON.parse has refused the text, and a property test holds it to JSON.parse:
 * null exactly when JSON.parse accepts.
 */

/** What the scanner wanted where the text went wrong. */
export type JsonExpected = 'value' | 'key' | 'colon' | 'comma-or-brace' | 'comma-or-bracket' | 'end' | 'string-end' | 'escape' | 'digit';

export interface JsonSyntaxError {
  /** 1-based, counting "\n" as the line break (a "\r\n" file counts the same). */
  line: number;
  /** 1-based, in characters (UTF-16 code units) from the line's start. */
  column: number;
  expected: JsonExpected;
  /** The character found there, or '' at the end of the text. */
  found: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (ch: string) => /^[0-9a-fA-F]$/.test(ch);

type Want = 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'after';

/** The first syntax error in `text`, or null if it is one JSON value. */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  const n = text.length;
  const stack: string[] = [];
  let i = 0;
  let want: Want = 'value';
  const fail = (at: number, expected: JsonExpected): JsonSyntaxError => {
    let line = 1;
    let start = 0;
    for (let k = 0; k < at; k++) if (text.charCodeAt(k) === 0x0a) [line, start] = [line + 1, k + 1];
    return { line, column: at - start + 1, expected, found: at < n ? String.fromCodePoint(text.codePointAt(at)!) : '' };
  };
  /** Index after the string opening at `i`, or an error inside it. */
  const string = (from: number): number | JsonSyntaxError => {
    let k = from + 1;
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c === 0x22) return k + 1;
      if (c < 0x20) return fail(k, 'string-end');
      if (c === 0x5c) {
        const e = text[k + 1];
        if (e === 'u') {
          for (let h = 2; h < 6; h++) if (!isHex(text[k + h] ?? '')) return fail(k + h, 'escape');
          k += 6;
        } else if (e !== undefined && ESCAPES.has(e)) k += 2;
        else return fail(k + 1, 'escape');
      } else k++;
    }
    return fail(n, 'string-end');
  };
  /** Index after the number starting at `i`: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)? */
  const number = (from: number): number | JsonSyntaxError => {
    let k = from;
    if (text[k] === '-') k++;
    if (text[k] === '0') k++;
    else if (isDigit(text.charCodeAt(k))) while (isDigit(text.charCodeAt(k))) k++;
    else return fail(k, 'digit');
    if (text[k] === '.') {
      k++;
      if (!isDigit(text.charCodeAt(k))) return fail(k, 'digit');
      while (isDigit(text.charCodeAt(k))) k++;
    }
    if (text[k] === 'e' || text[k] === 'E') {
      k++;
      if (text[k] === '+' || text[k] === '-') k++;
      if (!isDigit(text.charCodeAt(k))) return fail(k, 'digit');
      while (isDigit(text.charCodeAt(k))) k++;
    }
    return k;
  };
  for (;;) {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
    if (i >= n) {
      if (want === 'after' && stack.length === 0) return null;
      return fail(n, want === 'after' ? (stack[stack.length - 1] === '{' ? 'comma-or-brace' : 'comma-or-bracket') : want === 'first-key' || want === 'key' ? 'key' : want === 'colon' ? 'colon' : 'value');
    }
    const ch = text[i];
    switch (want) {
      case 'first-value':
      case 'value': {
        if (want === 'first-value' && ch === ']') {
          stack.pop();
          i++;
          want = 'after';
        } else if (ch === '{' || ch === '[') {
          stack.push(ch);
          i++;
          want = ch === '{' ? 'first-key' : 'first-value';
        } else {
          let end: number | JsonSyntaxError;
          if (ch === '"') end = string(i);
          else if (ch === '-' || isDigit(text.charCodeAt(i))) end = number(i);
          else {
            const lit = ['true', 'false', 'null'].find((l) => text.startsWith(l, i));
            if (!lit) return fail(i, 'value');
            end = i + lit.length;
          }
          if (typeof end !== 'number') return end;
          i = end;
          want = 'after';
        }
        break;
      }
      case 'first-key':
      case 'key': {
        if (want === 'first-key' && ch === '}') {
          stack.pop();
          i++;
          want = 'after';
          break;
        }
        if (ch !== '"') return fail(i, 'key');
        const end = string(i);
        if (typeof end !== 'number') return end;
        i = end;
        want = 'colon';
        break;
      }
      case 'colon':
        if (ch !== ':') return fail(i, 'colon');
        i++;
        want = 'value';
        break;
      case 'after': {
        const top = stack[stack.length - 1];
        if (top === undefined) return fail(i, 'end');
        if (ch === ',') {
          i++;
          want = top === '{' ? 'key' : 'value';
        } else if (ch === (top === '{' ? '}' : ']')) {
          stack.pop();
          i++;
        } else return fail(i, top === '{' ? 'comma-or-brace' : 'comma-or-bracket');
        break;
      }
    }
  }
}
