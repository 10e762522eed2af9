/**
 * The accounts API (named organiser accounts, invites, cookie sessions), as zod schemas shared by
 * the tally server and the organiser's screens. Prose and rules: docs/accounts.md.
 *
 * The session itself travels only in the HttpOnly cookie `dd_session`, which page scripts cannot
 * read. What the page holds is the session's `csrfToken`: it sends it back as `X-CSRF-Token` on
 * every cookie-authenticated request, so a page on another site (which cannot read it) cannot act
 * with the organiser's cookie. Non-browser clients (the CLI, tests) may send the session token as
 * `Authorization: Bearer …` instead, which no browser attaches on its own.
 */
import { z } from 'zod';
import { ROLES } from './roles.ts';

/** Longest account name, in graphemes (checked with core/text/name.ts's checkName). */
export const ACCOUNT_NAME_MAX = 60;
/** Password length bounds, in graphemes. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export const SESSION_COOKIE = 'dd_session';
export const CSRF_HEADER = 'X-CSRF-Token';

export const roleSchema = z.enum(ROLES);
const idSchema = z.string().min(1).max(64);
const timeSchema = z.string();

/** The signed-in account, as the screens see it. */
export const accountSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
});
export type Account = z.infer<typeof accountSchema>;

/** An account in the organiser's list. */
export const accountListItemSchema = accountSchema.extend({
  createdAt: timeSchema,
  createdBy: z.string(),
  disabledAt: timeSchema.optional(),
  /** Whether a password has been chosen (an invited account has none until the invite is used). */
  active: z.boolean(),
});
export type AccountListItem = z.infer<typeof accountListItemSchema>;

export const inviteSchema = z.object({
  id: idSchema,
  /** The account the invite is for (new, or an existing account's password reset). */
  accountId: idSchema,
  name: z.string(),
  role: roleSchema,
  createdAt: timeSchema,
  createdBy: z.string(),
  expiresAt: timeSchema,
});
export type Invite = z.infer<typeof inviteSchema>;

// ── Sessions ───────────────────────────────────────────────────────────────────────────────────

/** `POST /organiser/login`. Sets the `dd_session` cookie. */
export const loginRequestSchema = z.object({
  name: z.string().min(1).max(1000),
  password: z.string().min(1).max(1000),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The answer to login, invite acceptance and `GET /organiser/session`. */
export const sessionResponseSchema = z.object({
  account: accountSchema,
  csrfToken: z.string().min(32),
  /** When the session ends whatever happens (absolute expiry). */
  expiresAt: timeSchema,
  /** When it ends if nothing is done meanwhile (idle expiry); each request moves it on. */
  idleExpiresAt: timeSchema,
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

// `POST /organiser/logout` ends this session; `POST /organiser/logout-everywhere` ends every
// session of the account. Both answer 204 and clear the cookie.

// ── Accounts and invites (organisers only) ─────────────────────────────────────────────────────

/** `GET /accounts`. */
export const accountsResponseSchema = z.object({
  accounts: z.array(accountListItemSchema),
  invites: z.array(inviteSchema),
});
export type AccountsResponse = z.infer<typeof accountsResponseSchema>;

/** `POST /accounts/invites`: invite someone new. */
export const inviteRequestSchema = z.object({
  name: z.string().min(1).max(1000),
  role: roleSchema,
});
export type InviteRequest = z.infer<typeof inviteRequestSchema>;

/**
 * The answer to an invite or a password reset (`POST /accounts/:accountId/reset`). `token` is
 * shown once: the link is `/organiser/invite#<token>` (the fragment never reaches a server log).
 */
export const inviteResponseSchema = z.object({
  invite: inviteSchema,
  token: z.string().min(32),
});
export type InviteResponse = z.infer<typeof inviteResponseSchema>;

/** `PATCH /accounts/:accountId`: change the role, or disable (true) / enable (false). */
export const accountChangeSchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined);
export type AccountChange = z.infer<typeof accountChangeSchema>;

// `DELETE /accounts/invites/:inviteId` withdraws an unused invite (204).

/** `POST /invites/accept` (no session needed): choose a password; answers a SessionResponse. */
export const acceptInviteRequestSchema = z.object({
  token: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
});
export type AcceptInviteRequest = z.infer<typeof acceptInviteRequestSchema>;

/** `GET /invites/:token` (no session needed): who the invite is for, before choosing a password. */
export const invitePreviewSchema = z.object({ name: z.string(), role: roleSchema });
export type InvitePreview = z.infer<typeof invitePreviewSchema>;

/**
 * Error codes (besides the common ones) and the params they carry:
 * - 401 `wrong-credentials`: the name or the password is wrong (never says which).
 * - 429 `login-throttled` { seconds }: too many failures; with Retry-After.
 * - 422 `weak-password` { reason: 'too-short' | 'too-long' | 'common' | 'same-as-name', min, max }
 * - 422 `invalid-name` { problem, ... }: the account name's text problem (problem.text.*).
 * - 409 `name-taken`: another account has that name.
 * - 409 `last-organiser`: the last active organiser cannot be disabled or demoted.
 * - 404 `invite-not-found`: unknown, used, withdrawn or expired invite.
 * - 403 `forbidden` { capability }: the account's role cannot do this.
 * - 403 `not-final-yet` { capability }: allowed once the event's count is final.
 * - 403 `csrf-token-missing`: a cookie-authenticated change without the page's X-CSRF-Token.
 * - 403 `account-disabled`.
 */
export const ACCOUNT_ERROR_CODES = [
  'wrong-credentials',
  'login-throttled',
  'weak-password',
  'invalid-name',
  'name-taken',
  'last-organiser',
  'invite-not-found',
  'forbidden',
  'not-final-yet',
  'csrf-token-missing',
  'account-disabled',
] as const;
