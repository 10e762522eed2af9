/**
 * LOCAL_TLS=on: the hall laptop's certificates under DATA_DIR/tls/, made on first start and kept.
 *
 *   ca.crt      the hall's certificate authority (public: tablets download it to trust it)
 *   ca.key      its private key (owner-only)
 *   server.crt  the server certificate the laptop answers HTTPS with, signed by ca.crt
 *   server.key  its private key (owner-only)
 *
 * Every start reuses the CA, so a tablet trusts the laptop once. The server certificate is issued
 * again, by the same CA, when the laptop's names changed (another Wi-Fi router gave it another
 * address), when it has fewer than RENEW_DAYS left, or when it is missing or not the CA's. Files
 * are written durably (temporary file, fsync, rename, fsync of the folder), keys readable by the
 * owner only.
 */
import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../store/durable-file.ts';
import { createCa, issueServerCert, type Issued, type ServerNames } from './local-ca.ts';

/** A server certificate with fewer days left than this is issued again at start. */
export const RENEW_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

export interface HallTls {
  /** PEM texts, for node:https. */
  cert: string;
  key: string;
  /** The CA certificate (PEM), what tablets install. */
  caCert: string;
  /** The CA certificate's SHA-256 fingerprint, as `AB:CD:…` (what a tablet's settings show). */
  caFingerprint: string;
  /** The CA's name, as a tablet lists it. */
  caName: string;
  /** The names the server certificate is for. */
  names: ServerNames;
  /** What this start did: made a new CA, issued a new server certificate, or reused both. */
  made: 'new-ca' | 'new-server-cert' | 'reused';
  /** Why the server certificate was issued again ('addresses changed', 'near expiry', …), or null. */
  why: string | null;
}

export interface HallTlsOptions {
  /** The folder for the four files (DATA_DIR/tls). */
  dir: string;
  /** The machine's name (os.hostname()). */
  hostname: string;
  /** The machine's non-internal IPv4 addresses (addresses.ts). */
  addresses: string[];
  now: Date;
}

/** A host name usable as a DNS name in a certificate, lower case, without a trailing `.local`. */
export function dnsLabel(hostname: string): string | null {
  const name = hostname
    .trim()
    .toLowerCase()
    .replace(/\.local\.?$/, '');
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/.test(
    name,
  )
    ? name
    : null;
}

/** The names the server certificate must carry: the machine's names and addresses, and localhost. */
export function serverNames(hostname: string, addresses: string[]): ServerNames {
  const host = dnsLabel(hostname);
  const dns = host === null ? ['localhost'] : [host, `${host}.local`, 'localhost'];
  const ips = [...new Set([...addresses].sort()), '127.0.0.1'];
  return { dns: [...new Set(dns)], ips: [...new Set(ips)] };
}

/** The CA's name: "Decision Day hall laptop <hostname> <date>". */
export function caNameFor(hostname: string, now: Date): string {
  return `Decision Day hall laptop ${dnsLabel(hostname) ?? 'laptop'} ${now.toISOString().slice(0, 10)}`;
}

async function readIssued(certPath: string, keyPath: string): Promise<Issued | null> {
  try {
    return { cert: await readFile(certPath, 'utf8'), key: await readFile(keyPath, 'utf8') };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

async function writeIssued(certPath: string, keyPath: string, issued: Issued): Promise<void> {
  // The key first: a certificate on disk always has its key beside it.
  await writeFileAtomic(keyPath, issued.key);
  await chmod(keyPath, 0o600);
  await writeFileAtomic(certPath, issued.cert);
  await chmod(certPath, 0o644);
}

/** The names a certificate is for, from its subjectAltName. */
export function namesOf(cert: X509Certificate): ServerNames {
  const dns: string[] = [];
  const ips: string[] = [];
  for (const part of (cert.subjectAltName ?? '').split(', ')) {
    if (part.startsWith('DNS:')) dns.push(part.slice(4));
    else if (part.startsWith('IP Address:')) ips.push(part.slice(11));
  }
  return { dns, ips };
}

function sameNames(a: ServerNames, b: ServerNames): boolean {
  const key = (n: ServerNames) => JSON.stringify([[...n.dns].sort(), [...n.ips].sort()]);
  return key(a) === key(b);
}

/** Why the server certificate on disk cannot be kept, or null when it can. */
function staleReason(
  leaf: Issued,
  ca: X509Certificate,
  wanted: ServerNames,
  now: Date,
): string | null {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(leaf.cert);
  } catch {
    return 'unreadable';
  }
  if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return 'not signed by this CA';
  if (Date.parse(cert.validTo) - now.getTime() < RENEW_DAYS * DAY_MS) return 'near expiry';
  if (!sameNames(namesOf(cert), wanted)) return 'addresses changed';
  return null;
}

/** The CA's common name, as a tablet lists the certificate. */
function commonName(cert: X509Certificate): string {
  return /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? cert.subject;
}

export async function ensureHallTls(options: HallTlsOptions): Promise<HallTls> {
  const { dir, now } = options;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const paths = {
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    cert: join(dir, 'server.crt'),
    key: join(dir, 'server.key'),
  };
  let made: HallTls['made'] = 'reused';
  let ca = await readIssued(paths.caCert, paths.caKey);
  if (ca === null) {
    ca = await createCa(caNameFor(options.hostname, now), now);
    await writeIssued(paths.caCert, paths.caKey, ca);
    made = 'new-ca';
  }
  const caCert = new X509Certificate(ca.cert);
  const names = serverNames(options.hostname, options.addresses);
  const kept = made === 'new-ca' ? null : await readIssued(paths.cert, paths.key);
  const stale = kept === null ? 'none yet' : staleReason(kept, caCert, names, now);
  let leaf: Issued;
  if (kept !== null && stale === null) {
    leaf = kept;
  } else {
    leaf = await issueServerCert(ca, names, now);
    await writeIssued(paths.cert, paths.key, leaf);
    if (made === 'reused') made = 'new-server-cert';
  }
  return {
    cert: leaf.cert,
    key: leaf.key,
    caCert: ca.cert,
    caFingerprint: caCert.fingerprint256,
    caName: commonName(caCert),
    names: namesOf(new X509Certificate(leaf.cert)),
    made,
    why: stale,
  };
}
