import { lookup as dnsLookup } from 'node:dns/promises';
import { isPublicAddress } from './address-class.ts';
import { parseAllowlist } from './fhir-server-allowlist.ts';

/**
 * `addresses`: when the decision rests on what the host name resolved to, the addresses checked. The fetch must
 * connect to these and resolve nothing again (a second answer could be a private address: DNS rebinding).
 */
export type GuardDecision = { allowed: true; addresses?: string[] } | { allowed: false; reason: string };

/** Resolves a host name to every address it has (an IP literal resolves to itself). */
export type HostLookup = (hostname: string) => Promise<string[]>;

export interface FhirServerGuardOptions {
  /**
   * In production only allowlisted bases are fetched, and so they are wherever an allowlist is set; elsewhere, with
   * no allowlist, anything is (the caller warns once).
   */
  production: boolean;
  /** FHIR_SERVER_ALLOWLIST entries: base-URL prefixes or `*` patterns. */
  allowlist: readonly string[];
  /** Bases always allowed, whatever the address (the embedded server's own base). */
  trustedBases: readonly string[];
  lookup?: HostLookup;
}

export interface FhirServerGuard {
  /** Whether the allowlist is enforced (production, or any allowlist set). */
  enforced: boolean;
  /** Decides whether `fhirServer` may be fetched from. Resolves the host name: the address counts, not the string. */
  check(fhirServer: string, signal?: AbortSignal): Promise<GuardDecision>;
}

const defaultLookup: HostLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/**
 * The SSRF guard for FHIR fetches. In production, or whenever FHIR_SERVER_ALLOWLIST is set, a base must match an
 * allowlist entry; a host named outright by an entry may be private or loopback (a hospital's internal FHIR server),
 * but a host admitted only by a `*` pattern must resolve to public addresses alone, so that a wildcard never opens
 * the internal network or cloud metadata (and the fetch connects to the addresses checked, see pinned-fetch.ts).
 */
export function createFhirServerGuard(options: FhirServerGuardOptions): FhirServerGuard {
  const allowlist = parseAllowlist(options.allowlist);
  const trusted = parseAllowlist(options.trustedBases.filter((b) => !b.includes('*')));
  const lookup = options.lookup ?? defaultLookup;
  const enforced = options.production || allowlist.length > 0;
  return {
    enforced,
    async check(fhirServer, signal) {
      let url: URL;
      try {
        url = new URL(fhirServer);
      } catch {
        return { allowed: false, reason: 'the FHIR server URL is not a valid URL' };
      }
      if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
        return { allowed: false, reason: 'the FHIR server URL is not an http(s) URL without credentials' };
      }
      if (trusted.some((t) => t.matches(url))) return { allowed: true };
      if (!enforced) return { allowed: true };
      const entry = allowlist.find((e) => e.matches(url));
      if (!entry) return { allowed: false, reason: "the FHIR server is not on this service's allowlist" };
      if (entry.explicit) return { allowed: true };
      let addresses: string[];
      try {
        addresses = await abortable(lookup(url.hostname.replace(/^\[|\]$/g, '')), signal);
      } catch (error) {
        if (signal?.aborted) throw error;
        return { allowed: false, reason: "the FHIR server's host name could not be resolved" };
      }
      if (!addresses.length || !addresses.every(isPublicAddress)) {
        return {
          allowed: false,
          reason: 'the FHIR server resolves to a loopback, private or link-local address that is not allowlisted',
        };
      }
      return { allowed: true, addresses };
    },
  };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
