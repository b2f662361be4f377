import { createContext, useContext } from 'react';
import type { ApiReply } from '#shared/api/api-error.js';
import type { CompanionConnection } from '../connection/connect-companion.js';

/** What every view needs of the companion: the API, and one place that turns failures into the window's state. */
export type CompanionContextValue = {
  readonly connection: CompanionConnection;
  /** Notes an unreachable companion or a missing sign-in, then hands the reply back unchanged. */
  readonly report: <T>(reply: ApiReply<T>) => ApiReply<T>;
  /** Says a sentence in the live region (new results, finished actions). */
  readonly announce: (text: string) => void;
  /** Bumped by "Retry" on the offline banner: views reload what they show. */
  readonly reloadToken: number;
};

export const CompanionContext = createContext<CompanionContextValue | null>(null);

export function useCompanion(): CompanionContextValue {
  const value = useContext(CompanionContext);
  if (value === null) {
    throw new Error('useCompanion() outside <CompanionContext.Provider>');
  }
  return value;
}
