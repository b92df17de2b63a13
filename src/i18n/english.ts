/**
 * The engine's one door into the text catalog, English only: the message a
 * thrown ScenarioError carries (an Error must have one) and the descriptions
 * of the published JSON Schema. Everything else the engine emits is codes and
 * arguments, said by the lab and the CLI in the reader's language.
 */
import { EN, isKey } from './catalogEn.ts';

export { problemEnglish } from './problems.ts';

/** A Kafka config key's one-line description (doc.<scope>.<key>), or '' if the catalog has none. */
export function configDocEnglish(scope: 'broker' | 'producer' | 'consumer', key: string): string {
  const k = `doc.${scope}.${key}`;
  return isKey(k) ? (EN[k] as string) : '';
}
