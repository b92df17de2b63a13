/**
 * The two snippets the lab's Embed button offers for the run on screen: an
 * iframe of embed/index.html, and the one script tag plus <kafka-lab>. Both
 * carry the same options (scenario, seed, lesson, language). Attribute values
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
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function options(r: SnippetRun) {
  return { scenario: r.lesson ? null : r.scenario, lesson: r.lesson, seed: r.lesson ? null : r.seed, lang: r.lang };
}

export function iframeSnippet(r: SnippetRun): string {
  const src = new URL(`embed/index.html?${optionsToParams(options(r))}`, r.root).href;
  return `<iframe src="${attr(src)}" title="${attr(r.title)}" width="100%" height="450" loading="lazy"></iframe>`;
}

export function elementSnippet(r: SnippetRun): string {
  const script = new URL('embed/kafka-lab.js', r.root).href;
  const attrs = [...optionsToParams(options(r))].map(([k, v]) => ` ${k}="${attr(v)}"`).join('');
  return `<script type="module" src="${attr(script)}"></script>\n<kafka-lab${attrs} height="450"></kafka-lab>`;
}
