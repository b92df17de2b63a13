/**
 * Runs before `npm test` (package.json "pretest"): finds Chromium for the
 * browser tests, or installs Debian's package as root, or stops here with
 * one sentence, before any test starts.
 */
import { chromiumOrExit } from './chromium.ts';

console.log(`Browser tests use Chromium at ${chromiumOrExit()}`);
