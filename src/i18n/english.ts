/**
 * The engine's one door into the text catalog, English only: the message a
 * thrown ScenarioError carries (an Error must have one) and the descriptions
 * of the published JSON Schema. It reads only those two areas (problems,
 * config docs), so the engine's worker bundles no screen text. Everything else the engine emits is codes and
 * arguments, said by the lab and the CLI in the reader's language.
 */
import { configDocsEn } from './en/configDocs.ts';

export { problemEnglish } from './problems.ts';

/** A Kafka config key's one-line description (doc.<scope>.<key>), or '' if the catalog has none. */
export function configDocEnglish(scope: 'broker' | 'producer' | 'consumer', key: string): string {
  const k = `doc.${scope}.${key}`;
  return Object.hasOwn(configDocsEn, k) ? (configDocsEn as Record<string, string>)[k] : '';
}
