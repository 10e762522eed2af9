/**
 * The two ends of `decision-day store copy`: a data folder or a PostgreSQL database, each opened
 * through the stores the tally server itself uses (never by reading or writing their files or
 * tables here), so a copy holds exactly what the server would.
 */
import { join } from 'node:path';
import { FileAccountStore, type AccountStore } from '../../server/accounts/account-book.ts';
import { FileAuditTrail, type AuditTrail } from '../../server/store/audit-trail.ts';
import { FileTallyStore } from '../../server/store/file-tally-store.ts';
import {
  FilePublicationStore,
  type PublicationStore,
} from '../../server/store/publication-store.ts';
import { FileEqualitiesStore, type EqualitiesStore } from '../../server/store/equalities-store.ts';
import { FileRegisterStore, type RegisterStore } from '../../server/store/register-store.ts';
import type { StoreCopying, TallyStore } from '../../server/store/tally-store.ts';

export interface CopySide {
  /** How messages name it: the folder, or the URL without its password. */
  label: string;
  kind: 'file' | 'postgres';
  tally: TallyStore & StoreCopying;
  accounts: AccountStore;
  audit: AuditTrail;
  publications: PublicationStore;
  registers: RegisterStore;
  equalities: EqualitiesStore;
  close(): Promise<void>;
}

export const isDatabaseUrl = (where: string) => /^postgres(ql)?:\/\//.test(where);

export async function openFileSide(
  dataDir: string,
  log: (line: string) => void,
): Promise<CopySide> {
  const tally = await FileTallyStore.open(dataDir, { log });
  const publications = await FilePublicationStore.open(join(dataDir, 'published'), log);
  const audit = await FileAuditTrail.open(join(dataDir, 'audit.jsonl'), log);
  const registers = await FileRegisterStore.open(join(dataDir, 'registers'), log);
  const equalities = await FileEqualitiesStore.open(join(dataDir, 'equalities'));
  return {
    label: dataDir,
    kind: 'file',
    tally,
    accounts: new FileAccountStore(join(dataDir, 'accounts.json')),
    audit,
    publications,
    registers,
    equalities,
    close: async () => {
      await tally.close();
      await publications.close();
      await registers.close();
      await equalities.close();
    },
  };
}
