import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const here = import.meta.dirname;

// The app is plain React + TSX; Vite 8 transforms JSX itself (automatic runtime).
// This build is the lab (index.html). The documentation widget (embed/index.html, embed/example.html
// and the custom element's one script, embed/kafka-lab.js) is a second build, vite.widget.config.ts,
// into the same folder: `npm run build` runs both.
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: { main: resolve(here, 'index.html') },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/support/catalogs.ts'],
    // One build of the app for all browser test files (test/support/sharedBuild.ts).
    globalSetup: ['test/support/sharedBuild.ts'],
    // Two files at a time even on 2 cores (vitest's default leaves one core idle there): the browser
    // files mostly wait on Chromium and the worker, and the whole run took ~12 minutes, not ~15.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
