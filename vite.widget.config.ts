import { resolve } from 'node:path';
import { defineConfig } from 'vite';

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

export default defineConfig({
  base: './',
  resolve: { alias: WIDGET_ALIASES },
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
