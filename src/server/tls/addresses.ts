/** The machine's addresses on the hall's network: what tablets type to reach it. */
import { networkInterfaces } from 'node:os';

/** Every non-internal IPv4 address of this machine, in the order the system lists them. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
    .map((a) => a?.address ?? '');
}
