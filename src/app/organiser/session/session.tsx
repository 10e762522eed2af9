/**
 * The organiser's session, given to every screen by context instead of props: the API client, the
 * token (in memory only: a reload asks for the password again), how to save a file, and how to
 * leave. Screens never see the token; they use the query hooks in queries.ts.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { OrganiserApi } from '../api.ts';
import type { SaveFile } from '../download.ts';

export interface Session {
  api: OrganiserApi;
  token: string;
  saveFile: SaveFile;
  /** The organiser chose to sign out. */
  signOut: () => void;
  /** The server no longer knows the token (restart, time-out): back to sign-in, saying why. */
  expire: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession() outside a signed-in organiser area');
  return session;
}
