/**
 * The test-hook prefix of the lab a component draws: '' for the main lab (its
 * data-testid hooks are a contract and never change), 'cmp-' inside the
 * compared run's pane, so both runs' stages can be on the page at once.
 */
import { createContext, useContext } from 'react';

export const TidPrefix = createContext('');

export function useTid(): (id: string) => string {
  const prefix = useContext(TidPrefix);
  return (id) => prefix + id;
}
