/**
 * The two snippets the lab's Embed button offers for the run on screen: an
 * iframe of embed/index.html, and the one script tag plus <kafka-lab>. Both
 * carry the scenario, seed, lesson and language, and the run's faults, config
 * changes and moment (share-link parameters: the iframe's URL, the element's
 * `run` attribute). Attribute values
 * are escaped: a scenario name never becomes markup in someone's page.
 */
import { optionsToParams } from './options.ts';

export interface SnippetRun {
  /** A preset id, or null when the run is a file that is not one of the lab's. */
  scenario: string | null;
  seed: number | null;
  lesson: string | null;
  lang: string;
  /** The lab's root URL (where embed/ lives). */
  root: string;
  title: string;
  /** The whole run as share-link parameters (faults, config changes, moment), when it fits in a URL: the iframe opens exactly that. */
  runQuery: string | null;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function options(r: SnippetRun) {
  return { scenario: r.lesson ? null : r.scenario, lesson: r.lesson, seed: r.lesson ? null : r.seed, lang: r.lang };
}

export function iframeSnippet(r: SnippetRun): string {
  const query = r.runQuery && !r.lesson ? r.runQuery : optionsToParams(options(r)).toString();
  const src = new URL(`embed/index.html?${query}`, r.root).href;
  return `<iframe src="${attr(src)}" title="${attr(r.title)}" width="100%" height="450" loading="lazy"></iframe>`;
}

export function elementSnippet(r: SnippetRun): string {
  const script = new URL('embed/kafka-lab.js', r.root).href;
  // The whole run rides in `run` (the share link's parameters); `scenario` stays, as what shows if a reader's lab refuses the run.
  const run = r.runQuery && !r.lesson ? { run: r.runQuery } : {};
  const attrs = [...optionsToParams({ ...options(r), ...run })].map(([k, v]) => ` ${k}="${attr(v)}"`).join('');
  return `<script type="module" src="${attr(script)}"></script>\n<kafka-lab${attrs} height="450"></kafka-lab>`;
}
