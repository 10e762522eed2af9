/**
 * A certificate authority of the hall laptop's own, and the server certificates it signs, so the
 * tablets on the hall's Wi-Fi reach the tally server over HTTPS (service workers, hence the offline
 * app, need a secure context) without a purchased certificate: a tablet trusts the CA once
 * (docs/deploying.md), and every server certificate the laptop issues after that is trusted too.
 *
 * Made with @peculiar/x509 over Node's WebCrypto. ECDSA P-256 with SHA-256 throughout. The server
 * certificate follows Apple's rules for TLS server certificates (iOS/iPadOS 13 and later), which
 * are the strictest of the tablets': the names in subjectAltName (the common name is ignored),
 * extendedKeyUsage serverAuth, and at most 397 days of validity (Apple allows 825 for a
 * user-trusted CA's certificates; 397 is what it allows for public ones).
 */
// tsyringe (a dependency of @peculiar/x509) needs the Reflect metadata API before it loads.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { isIPv4 } from 'node:net';
import * as x509 from '@peculiar/x509';

const crypto = webcrypto as unknown as Crypto;
x509.cryptoProvider.set(crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 3600 * 1000;

/** How long the CA lasts: tablets keep trusting it for years of events. */
export const CA_DAYS = 5 * 365;
/**
 * How long a server certificate lasts after today (it starts a day back, for a tablet's clock that
 * is behind): 397 days in all (Apple: at most 398 days for publicly trusted ones, 825 for others).
 */
export const LEAF_DAYS = 396;

export interface Issued {
  /** The certificate, PEM. */
  cert: string;
  /** Its private key, PKCS #8 PEM. */
  key: string;
}

/** The names a server certificate is for: DNS names and IPv4 addresses. */
export interface ServerNames {
  dns: string[];
  ips: string[];
}

function serial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  // Positive (top bit clear) and never starting with a zero byte.
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return Buffer.from(bytes).toString('hex');
}

async function exportKey(key: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function importKey(pem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decode(pem)[0];
  if (der === undefined) throw new Error('No private key in the PEM text.');
  return crypto.subtle.importKey('pkcs8', der, ALGORITHM, false, ['sign']);
}

/** Characters a distinguished name's value may hold here without escaping. */
function dnValue(text: string): string {
  return text.replace(/[^\p{L}\p{N} ._-]/gu, '-');
}

/** A new CA, named so a person recognises it in a tablet's settings. */
export async function createCa(name: string, now: Date): Promise<Issued> {
  const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${dnValue(name)}, O=Decision Day`,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + CA_DAYS * DAY_MS),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
}

/** A server certificate for `names`, signed by `ca`, valid from `now` for LEAF_DAYS. */
export async function issueServerCert(ca: Issued, names: ServerNames, now: Date): Promise<Issued> {
  const caCert = new x509.X509Certificate(ca.cert);
  const caKey = await importKey(ca.key);
  const keys = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const first = names.dns[0] ?? names.ips[0] ?? 'localhost';
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${dnValue(first)}, O=Decision Day`,
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + LEAF_DAYS * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(
        [
          ...names.dns.map((value) => ({ type: 'dns' as const, value })),
          ...names.ips.filter((ip) => isIPv4(ip)).map((value) => ({ type: 'ip' as const, value })),
        ],
        false,
      ),
      await x509.AuthorityKeyIdentifierExtension.create(caCert, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
}
