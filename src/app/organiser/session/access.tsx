/**
 * What the signed-in role may open (core/roles.ts, the same table the server checks on every
 * route): the screens a role cannot use are not offered, and an address typed or bookmarked for
 * one says so in words instead of showing a screen whose every request the server refuses.
 */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { ScreenHeading } from '../components/ui.tsx';
import { MainArea } from '../layout/MainArea.tsx';
import {
  EVENT_SCREEN_CAPABILITY,
  EVENT_SCREENS,
  EVENTS_PATH,
  FIRST_EVENT_SCREEN,
  ORGANISER_BASE,
  type EventScreen,
} from '../routes.ts';
import { usePermission } from './session.tsx';
import { permission, type Capability, type Permission, type Role } from '../../../core/roles.ts';
import { useT } from '../../i18n/react.tsx';

/** The catalogue key of each role's name, as people read it. */
export const ROLE_NAME_KEYS: Record<Role, string> = {
  organiser: 'organiser.role.organiser',
  'desk-coordinator': 'organiser.role.desk-coordinator',
  viewer: 'organiser.role.viewer',
};

/** What each role can do, in a sentence for someone choosing a role. */
export const ROLE_SUMMARY_KEYS: Record<Role, string> = {
  organiser: 'organiser.role.organiser.summary',
  'desk-coordinator': 'organiser.role.desk-coordinator.summary',
  viewer: 'organiser.role.viewer.summary',
};

/** The event's screens `role` may open now, in the navigation's order. */
export function eventScreensFor(role: Role, final: boolean): EventScreen[] {
  return EVENT_SCREENS.filter(
    (screen) => permission(role, EVENT_SCREEN_CAPABILITY[screen], final) === 'allowed',
  );
}

/**
 * Where an event opens for `role`: the usual first screen if it may, else the results if it may,
 * else its first screen, else the results (which then say they open once the count is final).
 */
export function firstEventScreenFor(role: Role, final: boolean): EventScreen {
  const open = eventScreensFor(role, final);
  if (open.includes(FIRST_EVENT_SCREEN)) return FIRST_EVENT_SCREEN;
  // Someone who may not see the stations came for the results.
  return open.includes('results') ? 'results' : (open[0] ?? 'results');
}

/** Shows `children` only when the role may use `capability` now; else says why not. */
export function Allowed({
  capability,
  final = false,
  inEvent = false,
  children,
}: {
  capability: Capability;
  final?: boolean;
  /** Inside an event the event's own <main> is already there. */
  inEvent?: boolean;
  children: ReactNode;
}) {
  const can = usePermission();
  const answer = can(capability, final);
  if (answer === 'allowed') return <>{children}</>;
  return <NoAccess answer={answer} inEvent={inEvent} />;
}

function NoAccess({
  answer,
  inEvent,
}: {
  answer: Exclude<Permission, 'allowed'>;
  inEvent: boolean;
}) {
  const t = useT();
  const title =
    answer === 'not-final-yet'
      ? t('organiser.access.not-final.title')
      : t('organiser.access.title');
  const body = (
    <>
      <ScreenHeading title={title}>{title}</ScreenHeading>
      <p>
        {answer === 'not-final-yet'
          ? t('organiser.access.not-final.body')
          : t('organiser.access.body')}
      </p>
      <p>
        <Link href={`~${ORGANISER_BASE}${EVENTS_PATH}`}>{t('organiser.not-found.events')}</Link>
      </p>
    </>
  );
  return inEvent ? body : <MainArea>{body}</MainArea>;
}
