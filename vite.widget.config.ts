import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { widgetCatalogKeys } from './vite.widget.catalog.ts';

const here = import.meta.dirname;

/**
 * The documentation widget's build, after the lab's (vite.config.ts) into the same folder
 * (`emptyOutDir: false`): the iframe page (embed/index.html), the example documentation page
 * (embed/example.html) and the custom element's one script at a fixed name, embed/kafka-lab.js.
 * A widget is a guest on someone else's page, so it is built with Preact's React compatibility
 * layer instead of react-dom (about 50 KB gzip less for every reader of a documentation page);
 * the components are the lab's own, unchanged. Its chunks are named w-* so the two builds'
 * files never collide (the engine worker is the same file in both).
 */
export const WIDGET_ALIASES = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react$/, replacement: 'preact/compat' },
];

/**
 * Scenario descriptions are read in the lab's guide, never in a widget (it shows a scenario's
 * name): the widget's build leaves them out of both catalogs, about 6 KB gzip each
 * (scenarioDescription would fall back to the file's own). Each entry is one line in
 * src/i18n/{en,zh-CN}/scenarios.ts; an entry written over several lines is simply kept.
 */
export function dropScenarioDescriptions(): Plugin {
  const file = /[\\/]src[\\/]i18n[\\/](en|zh-CN)[\\/]scenarios\.ts$/;
  const entry = /^[ \t]*'[^'\n]+\.description': (['"`]).*\1,[ \t]*$/gm;
  return {
    name: 'widget:drop-scenario-descriptions',
    enforce: 'pre',
    transform(code, id) {
      if (!file.test(id)) return null;
      const out = code.replace(entry, '');
      return out === code ? null : { code: out, map: null };
    },
  };
}

export default defineConfig({
  base: './',
  resolve: { alias: WIDGET_ALIASES },
  plugins: [dropScenarioDescriptions(), widgetCatalogKeys()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: false,
    rolldownOptions: {
      input: {
        embed: resolve(here, 'embed/index.html'),
        example: resolve(here, 'embed/example.html'),
        'kafka-lab': resolve(here, 'src/embed/element.ts'),
      },
      // An entry's exports are its API: keep the element's module as it is.
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) => (chunk.name === 'kafka-lab' ? 'embed/kafka-lab.js' : 'assets/w-[name]-[hash].js'),
        chunkFileNames: 'assets/w-[name]-[hash].js',
        assetFileNames: 'assets/w-[name]-[hash][extname]',
      },
    },
  },
});
