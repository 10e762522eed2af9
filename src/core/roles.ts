/**
 * Who may do what (docs/accounts.md, "Roles"). One table, read by the server (every route names
 * the capability it needs, src/server/http/roles.ts) and by the organiser's screens (which show
 * only what the signed-in role can use), so the two never disagree.
 */

export const ROLES = ['organiser', 'desk-coordinator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
  /** Create and edit events, change their state, packages and pictures. */
  'events',
  /** The stations list, and revoking a station. */
  'stations',
  /** Voting-code batches, voiding cards, decisions on second uses. */
  'codes',
  /** Registration desks' registers (view, import, delete) and stations' closing sheets. */
  'registers',
  /** Importing a station's exported file. */
  'import',
  /** The tally file and the ballots: what results are computed from. */
  'tally',
  /** Quarantined (rejected) ballots. */
  'rejected',
  /** Inclusion, equalities and explanations of a count. */
  'results',
  /** Voids, withdrawals, publishing and unpublishing. */
  'corrections',
  /** Accounts, invites and the audit trail. */
  'accounts',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** `'final'`: allowed only once the event's count is final (before: 403 not-final-yet). */
export type Access = 'yes' | 'final' | 'no';

export const ACCESS: Readonly<Record<Capability, Readonly<Record<Role, Access>>>> = {
  events: { organiser: 'yes', 'desk-coordinator': 'no', viewer: 'no' },
  stations: { organiser: 'yes', 'desk-coordinator': 'yes', viewer: 'no' },
  codes: { organiser: 'yes', 'desk-coordinator': 'yes', viewer: 'no' },
  registers: { organiser: 'yes', 'desk-coordinator': 'yes', viewer: 'no' },
  import: { organiser: 'yes', 'desk-coordinator': 'yes', viewer: 'no' },
  tally: { organiser: 'yes', 'desk-coordinator': 'final', viewer: 'final' },
  rejected: { organiser: 'yes', 'desk-coordinator': 'no', viewer: 'no' },
  results: { organiser: 'yes', 'desk-coordinator': 'final', viewer: 'final' },
  corrections: { organiser: 'yes', 'desk-coordinator': 'no', viewer: 'no' },
  accounts: { organiser: 'yes', 'desk-coordinator': 'no', viewer: 'no' },
};

export type Permission = 'allowed' | 'not-final-yet' | 'forbidden';

/** Whether `role` may use `capability` now; `final` is whether the event's count is final. */
export function permission(role: Role, capability: Capability, final: boolean): Permission {
  const access = ACCESS[capability][role];
  if (access === 'yes') return 'allowed';
  if (access === 'final') return final ? 'allowed' : 'not-final-yet';
  return 'forbidden';
}
