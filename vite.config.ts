import { defineConfig } from 'vitest/config';

// The app is plain React + TSX; Vite 8 transforms JSX itself (automatic runtime).
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
