import type { JWTVerifyGetKey } from 'jose';
import { createLocalJWKSet, createRemoteJWKSet, customFetch, errors, type FetchImplementation } from 'jose';
import type { TrustedIssuer } from './trusted-issuers.ts';

/** How remote key sets are fetched and cached. */
export interface RemoteKeySetOptions {
  /** Replaces the global fetch (tests; a proxy-aware client). */
  fetch?: FetchImplementation;
  /** How long a fetched key set is used before it is fetched again (ms). */
  cacheMaxAgeMs?: number;
  /** After a fetch, how long an unknown `kid` waits before it may trigger another fetch (ms). */
  cooldownMs?: number;
  timeoutMs?: number;
}

/** Thrown before any key is looked up when the token names a key-set URL that this issuer does not allow. */
export class JkuNotAllowed extends Error {
  override name = 'JkuNotAllowed';
}

/**
 * The key resolver of one trusted issuer. A pinned `jwks` is the only source of keys when present (never fetched);
 * otherwise keys come from the issuer's `jku` allowlist, one cached resolver per URL. A `jku` header that is not on
 * the allowlist is refused without any request being made (fetching it would be SSRF).
 */
export function issuerKeys(issuer: TrustedIssuer, remote: RemoteKeySetOptions = {}): JWTVerifyGetKey {
  const allowed = new Set(issuer.jku ?? []);
  const pinned = issuer.jwks ? createLocalJWKSet(issuer.jwks as Parameters<typeof createLocalJWKSet>[0]) : undefined;
  const fetched = new Map(
    [...allowed].map((url) => [
      url,
      createRemoteJWKSet(new URL(url), {
        cacheMaxAge: remote.cacheMaxAgeMs ?? 10 * 60_000,
        cooldownDuration: remote.cooldownMs ?? 30_000,
        timeoutDuration: remote.timeoutMs ?? 2000,
        ...(remote.fetch ? { [customFetch]: remote.fetch } : {}),
      }),
    ]),
  );

  return async (header, token) => {
    if (header.jku !== undefined && !allowed.has(header.jku)) throw new JkuNotAllowed('jku not on the allowlist');
    if (pinned) return pinned(header, token);
    const urls = header.jku !== undefined ? [header.jku] : [...allowed];
    // Without a jku header, the issuer's allowlisted sets are tried in order until one holds the kid.
    for (const [i, url] of urls.entries()) {
      try {
        return await fetched.get(url)!(header, token);
      } catch (error) {
        if (!(error instanceof errors.JWKSNoMatchingKey) || i === urls.length - 1) throw error;
      }
    }
    throw new errors.JWKSNoMatchingKey();
  };
}
