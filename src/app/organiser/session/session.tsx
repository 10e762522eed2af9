/**
 * The organiser's session, given to every screen by context instead of props: the API client, who
 * is signed in and with which role, the session's CSRF token, how to save a file, and how to
 * leave. The session itself is an HttpOnly cookie the page never sees (docs/accounts.md); the
 * page holds only the CSRF token, in memory. A reload asks the server whether the cookie still
 * holds a live session (GET /organiser/session), so it keeps the organiser signed in without the
 * password, until the session's idle or absolute expiry. Screens never see the token; they use
 * the query hooks in queries.ts.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { OrganiserApi } from '../api.ts';
import type { SaveFile } from '../download.ts';
import type { Account } from '../../../core/accounts-api.ts';
import { permission, type Capability, type Permission } from '../../../core/roles.ts';

export interface Session {
  api: OrganiserApi;
  /** The signed-in account: its name and role. */
  account: Account;
  /** The session's CSRF token (sent as X-CSRF-Token), not the session itself. */
  token: string;
  saveFile: SaveFile;
  /** The organiser chose to sign out (`everywhere`: every session of the account ends). */
  signOut: (everywhere?: boolean) => void;
  /** The server no longer knows the session (time-out, signed out elsewhere): back to sign-in. */
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

/**
 * Whether the signed-in role may use a capability now (core/roles.ts, the table the server
 * checks too); `final` is whether the event's count is final.
 */
export function usePermission(): (capability: Capability, final?: boolean) => Permission {
  const { account } = useSession();
  return (capability, final = false) => permission(account.role, capability, final);
}
