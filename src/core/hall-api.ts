/**
 * What the tally server tells the organiser's "Tablets in this hall" screen (GET /api/v1/hall,
 * any signed-in organiser) and the public trust page (GET /hall/about.json, no login): how tablets
 * reach this laptop over HTTPS when it runs with its own certificate authority (LOCAL_TLS=on,
 * docs/deploying.md). Public facts only: the CA certificate and its fingerprint are what every
 * tablet downloads anyway; no key ever leaves the laptop.
 */
import { z } from 'zod';

/** How the server speaks: its own hall CA, a certificate it was given, or plain HTTP. */
export const HALL_TLS_MODES = ['local', 'configured', 'none'] as const;
export type HallTlsMode = (typeof HALL_TLS_MODES)[number];

export const hallResponseSchema = z.object({
  tls: z.enum(HALL_TLS_MODES),
  /** The HTTPS addresses a tablet types (https://192.168.1.20:8080/), best first. */
  addresses: z.array(z.string()),
  /** The plain-HTTP page where a tablet that does not trust the laptop yet starts; null without local TLS. */
  trustUrl: z.string().nullable(),
  /** The CA certificate's SHA-256 fingerprint, `AB:CD:…`; null without local TLS. */
  caFingerprint: z.string().nullable(),
  /** The CA's name as a tablet's settings list it; null without local TLS. */
  caName: z.string().nullable(),
});
export type HallResponse = z.infer<typeof hallResponseSchema>;

/** What the public trust page needs: the CA's fingerprint and name, and the HTTPS port. */
export const hallAboutSchema = z.object({
  caFingerprint: z.string(),
  caName: z.string(),
  httpsPort: z.number().int().min(1).max(65535),
});
export type HallAbout = z.infer<typeof hallAboutSchema>;

/** Where the CA certificate and the trust page are served (both ports, no login). */
export const HALL_CA_PATH = '/hall/ca.crt';
export const HALL_ABOUT_PATH = '/hall/about.json';
export const HALL_TRUST_PATH = '/hall';
