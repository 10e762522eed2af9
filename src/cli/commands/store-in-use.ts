/**
 * Is a tally server using this DATA_DIR? `store copy` must not move an event out of, or into, a
 * folder a running server writes: ballots it takes after the copy would be left behind, and a
 * server never sees events put under it while it runs.
 *
 * A running file-store server always holds files of its DATA_DIR open (the audit trail and every
 * event's tally file are append-only files kept open for its whole life), so the check asks the
 * kernel which processes hold a file under the folder open (Linux: /proc/<pid>/fd). No lock file
 * is needed, and none is left behind by a server that was killed. Where /proc cannot be read (not
 * Linux), the answer is "cannot tell" and the command says so.
 */
import { readdir, readFile, readlink, realpath } from 'node:fs/promises';

export interface ServerUsingFolder {
  pid: number;
  /** The process's command line, for the message. */
  command: string;
}

/** The processes (other than this one) holding a file under `dir` open; null if /proc is absent. */
export async function processesUsing(dir: string): Promise<ServerUsingFolder[] | null> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch {
    return []; // No such folder: nobody can be using it.
  }
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const found: ServerUsingFolder[] = [];
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    let fds: string[];
    try {
      fds = await readdir(`/proc/${pid}/fd`);
    } catch {
      continue; // Gone, or another user's (a server of another user cannot write our files).
    }
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (target === real || target.startsWith(`${real}/`)) {
        const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
        found.push({ pid: Number(pid), command: cmdline.split('\0').join(' ').trim() });
        break;
      }
    }
  }
  return found;
}

/** A sentence refusing to work on `dir` while `users` hold it, or null when nobody does. */
export function inUseRefusal(dir: string, users: ServerUsingFolder[] | null): string | null {
  if (users === null || users.length === 0) return null;
  const which = users.map((u) => `process ${u.pid}${u.command === '' ? '' : ` (${u.command})`}`);
  return (
    `${dir} is in use by ${which.join(', ')}: stop the tally server first ` +
    '(a copy taken while it runs would leave behind the ballots it takes meanwhile; ' +
    'for a backup of a running server use "decision-day store backup").'
  );
}
