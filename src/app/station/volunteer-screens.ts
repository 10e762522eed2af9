/**
 * The station's screens voters never open, as one lazy chunk: set-up (once per tablet) and the
 * volunteer area behind the PIN, with its sync panel. One chunk rather than one per screen: the
 * bundler then leaves the code they share with the voter's screens in the first chunk, instead of
 * splitting it into an extra shared chunk the first screen would also have to load.
 */
export { default as SetUpScreen } from './SetUpScreen.tsx';
export { default as VolunteerArea } from './VolunteerArea.tsx';
