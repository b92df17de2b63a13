/**
 * The engine's one door into the text catalog, English only: the message a
 * thrown ScenarioError carries (an Error must have one). It reads only that
 * area (problems), so the engine's worker bundles no screen text. Everything
 * else the engine emits is codes and arguments, said by the lab and the CLI
 * in the reader's language.
 */
export { problemEnglish } from './problems.ts';
