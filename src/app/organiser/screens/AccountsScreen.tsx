/**
 * Accounts (organisers only): everyone who can sign in, with their role and whether the account
 * is in use, invited or turned off. An organiser invites someone (a name and a role) and gets a
 * one-time link to pass on — shown once, since the server keeps only its hash — changes a role,
 * turns an account off (after a question: its sessions end at once) or back on, makes a new
 * password link, or withdraws an unused invite. The server's refusals (the last organiser, a name
 * taken, a name that cannot be used) are worded beside the action.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { AccountsResponse, ApiProblem, ApiResult, InviteResponse } from '../api.ts';
import { problemWords } from '../components/problem-text.tsx';
import { Button, Callout, LoadProblem, ScreenHeading, ui } from '../components/ui.tsx';
import { MainArea } from '../layout/MainArea.tsx';
import { INVITE_PATH, ORGANISER_BASE } from '../routes.ts';
import { ROLE_NAME_KEYS, ROLE_SUMMARY_KEYS } from '../session/access.tsx';
import { ApiError } from '../session/queries.ts';
import { useSession } from '../session/session.tsx';
import type { AccountListItem, Invite } from '../../../core/accounts-api.ts';
import { ROLES, type Role } from '../../../core/roles.ts';
import { describeProblem } from '../../i18n/problems.ts';
import { useFormat, useT, type Translate } from '../../i18n/react.tsx';
import { Modal } from '../../shared/Modal.tsx';
import styles from './AccountsScreen.module.css';

const ACCOUNTS_KEY = ['accounts'] as const;

/** The account refusals this screen words itself; anything else as every screen words it. */
const ACCOUNT_PROBLEM_KEYS: Partial<Record<string, string>> = {
  'last-organiser': 'organiser.accounts.problem.last-organiser',
  'name-taken': 'organiser.accounts.problem.name-taken',
  'invite-not-found': 'organiser.accounts.problem.invite-gone',
};

function accountProblem(t: Translate, problem: ApiProblem): string {
  const own = ACCOUNT_PROBLEM_KEYS[problem.code];
  if (own !== undefined) return t(own, problem.params);
  if (problem.code === 'invalid-name' && typeof problem.params?.['problem'] === 'string') {
    // The name's own problem (invisible characters, too long…), worded as for every name.
    const { problem: code, ...params } = problem.params;
    return describeProblem(t, 'text', { code, params });
  }
  return problemWords(t, problem);
}

export function inviteLink(token: string): string {
  return `${window.location.origin}${ORGANISER_BASE}${INVITE_PATH}#${token}`;
}

export function AccountsScreen() {
  const t = useT();
  const { api, token, account: me } = useSession();
  const accountsApi = api.accounts;
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ACCOUNTS_KEY,
    queryFn: async (): Promise<AccountsResponse> => {
      if (accountsApi === undefined) return { accounts: [], invites: [] };
      const answer = await accountsApi.list(token);
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.value;
    },
  });
  /** The link just made: shown once, until another action or leaving the screen. */
  const [link, setLink] = useState<{ name: string; token: string } | null>(null);
  const [problem, setProblem] = useState<{ about: string; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [disabling, setDisabling] = useState<AccountListItem | null>(null);

  /** Runs one change, shows its refusal beside `about` or its link, and re-reads the list. */
  async function act<T>(
    about: string,
    run: () => Promise<ApiResult<T>>,
    onDone?: (value: T) => void,
  ): Promise<boolean> {
    if (busy !== null) return false;
    setBusy(about);
    setProblem(null);
    setLink(null);
    const answer = await run();
    setBusy(null);
    if (!answer.ok) {
      if (answer.error.status === 401) {
        // The session ended meanwhile: the app's expiry handling takes over on the next read.
        void client.invalidateQueries({ queryKey: ACCOUNTS_KEY });
      }
      setProblem({ about, text: accountProblem(t, answer.error) });
      return false;
    }
    onDone?.(answer.value);
    await client.invalidateQueries({ queryKey: ACCOUNTS_KEY });
    return true;
  }
  const showLink = (answer: InviteResponse) =>
    setLink({ name: answer.invite.name, token: answer.token });

  const title = t('organiser.accounts.title');
  const data = list.data;
  return (
    <MainArea busy={list.isFetching}>
      <ScreenHeading title={title}>{title}</ScreenHeading>
      <p>{t('organiser.accounts.intro')}</p>
      <RoleGuide />
      {link !== null && <InviteLink name={link.name} token={link.token} />}
      {accountsApi !== undefined && (
        <InviteForm
          busy={busy === 'invite'}
          problem={problem?.about === 'invite' ? problem.text : null}
          onInvite={(name, role) =>
            act('invite', () => accountsApi.invite(token, { name, role }), showLink)
          }
        />
      )}
      <section aria-labelledby="accounts-list" className={ui.section}>
        <h2 id="accounts-list">{t('organiser.accounts.list')}</h2>
        {list.isPending && <p role="status">{t('organiser.accounts.loading')}</p>}
        {list.isError && <LoadProblem error={list.error} onRetry={() => void list.refetch()} />}
        {data !== undefined && accountsApi !== undefined && (
          <ul className={styles['accounts']}>
            {data.accounts.map((account) => (
              <AccountCard
                key={account.id}
                account={account}
                isMe={account.id === me.id}
                invite={data.invites.find((i) => i.accountId === account.id)}
                busy={busy !== null && busy.endsWith(account.id) ? busy : null}
                problem={problem?.about.endsWith(account.id) === true ? problem.text : null}
                onRole={(role) =>
                  void act(`role:${account.id}`, () =>
                    accountsApi.change(token, account.id, { role }),
                  )
                }
                onDisable={() => setDisabling(account)}
                onEnable={() =>
                  void act(`state:${account.id}`, () =>
                    accountsApi.change(token, account.id, { disabled: false }),
                  )
                }
                onReset={() =>
                  void act(
                    `reset:${account.id}`,
                    () => accountsApi.resetPassword(token, account.id),
                    showLink,
                  )
                }
                onWithdraw={(invite) =>
                  void act(`withdraw:${account.id}`, () =>
                    accountsApi.withdrawInvite(token, invite.id),
                  )
                }
              />
            ))}
          </ul>
        )}
      </section>
      {disabling !== null && accountsApi !== undefined && (
        <Modal
          title={t('organiser.accounts.disable.title', { name: disabling.name })}
          role="alertdialog"
          onClose={() => setDisabling(null)}
          description={t('organiser.accounts.disable.explain', { name: disabling.name })}
        >
          <div className={ui.actions}>
            <Button onClick={() => setDisabling(null)} data-autofocus>
              {t('organiser.accounts.disable.keep')}
            </Button>
            <Button
              primary
              className={styles['danger']}
              onClick={() => {
                const account = disabling;
                setDisabling(null);
                void act(`state:${account.id}`, () =>
                  accountsApi.change(token, account.id, { disabled: true }),
                );
              }}
            >
              {t('organiser.accounts.disable.confirm')}
            </Button>
          </div>
        </Modal>
      )}
    </MainArea>
  );
}

/** The three roles, and what each can do, in plain words. */
function RoleGuide() {
  const t = useT();
  return (
    <details className={styles['guide']}>
      <summary>{t('organiser.accounts.roles.title')}</summary>
      <dl>
        {ROLES.map((role) => (
          <div key={role}>
            <dt>{t(ROLE_NAME_KEYS[role])}</dt>
            <dd>{t(ROLE_SUMMARY_KEYS[role])}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function InviteForm({
  busy,
  problem,
  onInvite,
}: {
  busy: boolean;
  problem: string | null;
  onInvite: (name: string, role: Role) => Promise<boolean>;
}) {
  const t = useT();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('desk-coordinator');
  const [empty, setEmpty] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const ids = { name: useId(), error: useId(), role: useId() };
  const shown = empty ? t('organiser.accounts.invite.empty') : problem;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (name.trim() === '') {
      setEmpty(true);
      nameRef.current?.focus();
      return;
    }
    setEmpty(false);
    if (await onInvite(name.trim(), role)) setName('');
    else nameRef.current?.focus();
  }

  return (
    <section aria-labelledby="invite-someone" className={ui.section}>
      <h2 id="invite-someone">{t('organiser.accounts.invite.title')}</h2>
      <form className={styles['form']} onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor={ids.name}>{t('organiser.accounts.invite.name')}</label>
        <input
          id={ids.name}
          ref={nameRef}
          type="text"
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={shown !== null}
          aria-describedby={shown !== null ? ids.error : undefined}
        />
        <fieldset className={styles['roles']}>
          <legend>{t('organiser.accounts.invite.role')}</legend>
          {ROLES.map((r) => (
            <div key={r} className={styles['role']}>
              <input
                id={`${ids.role}-${r}`}
                type="radio"
                name={ids.role}
                value={r}
                checked={role === r}
                onChange={() => setRole(r)}
                aria-describedby={`${ids.role}-${r}-about`}
              />
              <div>
                <label htmlFor={`${ids.role}-${r}`} className={styles['roleName']}>
                  {t(ROLE_NAME_KEYS[r])}
                </label>
                <p id={`${ids.role}-${r}-about`} className={styles['roleAbout']}>
                  {t(ROLE_SUMMARY_KEYS[r])}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        {shown !== null && (
          <Callout kind="error" id={ids.error} role="alert">
            {shown}
          </Callout>
        )}
        <Button type="submit" primary busy={busy} busyLabel={t('organiser.accounts.busy')}>
          {t('organiser.accounts.invite.submit')}
        </Button>
      </form>
    </section>
  );
}

/** The link just made, shown once: the server keeps only its hash. */
function InviteLink({ name, token }: { name: string; token: string }) {
  const t = useT();
  const url = inviteLink(token);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  return (
    <Callout kind="success" className={styles['link']} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t('organiser.accounts.link.title', { name })}
      </h2>
      <p>{t('organiser.accounts.link.once', { name })}</p>
      <label htmlFor={id}>{t('organiser.accounts.link.label')}</label>
      <div className={styles['copy']}>
        <input
          id={id}
          ref={inputRef}
          type="text"
          readOnly
          dir="ltr"
          value={url}
          onFocus={(e) => e.target.select()}
        />
        <Button
          onClick={() => {
            const copy = navigator.clipboard?.writeText(url) ?? Promise.reject(new Error('none'));
            copy.then(
              () => setCopied('yes'),
              () => {
                inputRef.current?.select();
                setCopied('no');
              },
            );
          }}
        >
          {t('organiser.accounts.link.copy')}
        </Button>
      </div>
      <p role="status">
        {copied === 'yes'
          ? t('organiser.accounts.link.copied')
          : copied === 'no'
            ? t('organiser.accounts.link.copy-failed')
            : ''}
      </p>
    </Callout>
  );
}

function AccountCard({
  account,
  isMe,
  invite,
  busy,
  problem,
  onRole,
  onDisable,
  onEnable,
  onReset,
  onWithdraw,
}: {
  account: AccountListItem;
  isMe: boolean;
  invite: Invite | undefined;
  busy: string | null;
  problem: string | null;
  onRole: (role: Role) => void;
  onDisable: () => void;
  onEnable: () => void;
  onReset: () => void;
  onWithdraw: (invite: Invite) => void;
}) {
  const t = useT();
  const f = useFormat();
  const [role, setRole] = useState<Role>(account.role);
  const id = useId();
  const state =
    account.disabledAt !== undefined
      ? t('organiser.accounts.state.disabled')
      : account.active
        ? t('organiser.accounts.state.active')
        : t('organiser.accounts.state.invited');
  return (
    <li className={styles['account']}>
      <section aria-labelledby={`${id}-name`}>
        <h3 id={`${id}-name`} className={styles['name']}>
          <bdi>{account.name}</bdi>
        </h3>
        <p>
          {t('organiser.accounts.summary', { role: t(ROLE_NAME_KEYS[account.role]), state })}
          {isMe && ` ${t('organiser.accounts.you')}`}
        </p>
        {invite !== undefined && (
          <p>
            {t('organiser.accounts.invite-open', {
              date: f.dateTime(new Date(invite.expiresAt)),
            })}
          </p>
        )}
        <form
          className={styles['change']}
          onSubmit={(e) => {
            e.preventDefault();
            if (role !== account.role) onRole(role);
          }}
        >
          <label htmlFor={`${id}-role`}>
            {t('organiser.accounts.role-of', { name: account.name })}
          </label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(ROLE_NAME_KEYS[r])}
              </option>
            ))}
          </select>
          <Button
            type="submit"
            busy={busy?.startsWith('role:') === true}
            busyLabel={t('organiser.accounts.busy')}
          >
            {t('organiser.accounts.change-role')}
          </Button>
        </form>
        <div className={ui.actions}>
          {account.disabledAt === undefined ? (
            <Button onClick={onDisable} busy={busy?.startsWith('state:') === true}>
              {t('organiser.accounts.disable')}
            </Button>
          ) : (
            <Button
              onClick={onEnable}
              busy={busy?.startsWith('state:') === true}
              busyLabel={t('organiser.accounts.busy')}
            >
              {t('organiser.accounts.enable')}
            </Button>
          )}
          <Button
            onClick={onReset}
            busy={busy?.startsWith('reset:') === true}
            busyLabel={t('organiser.accounts.busy')}
          >
            {t('organiser.accounts.reset')}
          </Button>
          {invite !== undefined && (
            <Button
              onClick={() => onWithdraw(invite)}
              busy={busy?.startsWith('withdraw:') === true}
              busyLabel={t('organiser.accounts.busy')}
            >
              {t('organiser.accounts.withdraw')}
            </Button>
          )}
        </div>
        {problem !== null && (
          <Callout kind="error" role="alert">
            {problem}
          </Callout>
        )}
      </section>
    </li>
  );
}
