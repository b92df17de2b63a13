/**
 * A scenario file's text, read the same way by the CLI and the lab's "Open
 * file…": at most MAX_SCENARIO_BYTES, an optional UTF-8 byte-order mark
 * (editors on Windows write one), then JSON. Refusals are ScenarioErrors with
 * a problem code, like every other refusal of a scenario. Both read the
 * file's bytes through decodeScenarioBytes, so a file one accepts the other
 * accepts (the browser's File.text() dropped a byte-order mark on its own, and
 * a file with two was read by one and refused by the other).
 */
import { problem } from '../core/scenarioProblems.ts';
import type { JsonSyntaxError } from './jsonSyntax.ts';

/** Finds where a text that JSON.parse refused goes wrong (jsonSyntax.ts); passed in, so the widget loads it only for a bad file. */
export type JsonLocator = (text: string) => JsonSyntaxError | null;

/** 1 MiB: the examples are about 1 KB; a bigger file is a mistake or an attack, not a scenario. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

export function checkScenarioSize(bytes: number): void {
  if (bytes > MAX_SCENARIO_BYTES) throw problem('', 'file-too-large', { got: bytes, max: MAX_SCENARIO_BYTES });
}

/**
 * A scenario file's bytes as text: UTF-8 (RFC 8259 §8.1 asks JSON to be), any
 * byte-order mark kept for readScenarioText to judge. A UTF-16 file (Windows
 * Notepad's "Unicode") or bytes that are not UTF-8 are refused by name.
 */
export function decodeScenarioBytes(bytes: Uint8Array): string {
  checkScenarioSize(bytes.length);
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw problem('', 'not-utf8', { encoding: bytes[0] === 0xff ? 'UTF-16LE' : 'UTF-16BE' });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw problem('', 'not-utf8', { encoding: '?' });
  }
}

/**
 * The JSON value of a scenario file's text (not yet validated: parseScenario
 * does that). A refusal says where and what went wrong when given `locate`
 * (in codes the catalog says in the reader's language: JSON.parse's message
 * is English only).
 */
export function readScenarioText(text: string, locate?: JsonLocator): unknown {
  checkScenarioSize(new TextEncoder().encode(text).length);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    const at = locate?.(body);
    throw problem('', 'not-json', at ? { line: at.line, column: at.column, expected: at.expected, found: at.found } : {});
  }
}
