/*
 * Stops `npm install`, `npm run dev` and `npm test` with one sentence when
 * Node.js is too old, before Vite or Vitest fail with a stack trace.
 * Vite 8 (and its bundler, rolldown) need Node ^20.19.0 || >=22.12.0.
 *
 * Plain ES5 and CommonJS on purpose: this file must run on any old Node,
 * so no const/let, arrow functions, template strings or ES modules.
 */
'use strict';

var MINIMUMS = [
  { major: 20, minor: 19 },
  { major: 22, minor: 12 }
];

/** The sentence to print for this Node version, or null when it is supported. */
function nodeProblem(version) {
  var m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(String(version));
  if (!m) return null; // an unknown format: let the tools speak for themselves
  var major = Number(m[1]);
  var minor = Number(m[2]);
  var ok =
    (major === MINIMUMS[0].major && minor >= MINIMUMS[0].minor) ||
    (major === MINIMUMS[1].major && minor >= MINIMUMS[1].minor) ||
    major > MINIMUMS[1].major;
  if (ok) return null;
  return (
    'Kafka Reliability Lab needs Node.js 20.19+ or 22.12+ (this is Node.js ' + version + '): ' +
    'install a current LTS, for example with `nvm install --lts`, and run the command again.'
  );
}

module.exports = { nodeProblem: nodeProblem };

if (require.main === module) {
  var problem = nodeProblem(process.version);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
