import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const here = import.meta.dirname;

// The app is plain React + TSX; Vite 8 transforms JSX itself (automatic runtime).
// Pages: the lab (index.html), the widget's iframe page and the example documentation page
// (embed/); plus the custom element's one script, at a fixed name: embed/kafka-lab.js.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: {
        main: resolve(here, 'index.html'),
        embed: resolve(here, 'embed/index.html'),
        example: resolve(here, 'embed/example.html'),
        'kafka-lab': resolve(here, 'src/embed/element.ts'),
      },
      // An entry's exports are its API: keep the element's module as it is.
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) => (chunk.name === 'kafka-lab' ? 'embed/kafka-lab.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/catalogs.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
