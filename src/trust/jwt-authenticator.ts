import { decodeJwt, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from 'jose';
import { HttpProblem, operationOutcome, unauthorized } from '../http/operation-outcome.ts';
import type { RequestAuthenticator } from './authenticator.ts';
import { bearerToken } from './bearer-token.ts';
import { issuerKeys, JkuNotAllowed, type RemoteKeySetOptions } from './issuer-keys.ts';
import type { JwtAlgorithm } from './jwt-algorithms.ts';
import type { ReplayStore } from './replay-store.ts';
import { ReplayStoreUnavailable } from './replay-store.ts';
import type { TrustedIssuer } from './trusted-issuers.ts';

export interface JwtAuthenticatorOptions {
  issuers: TrustedIssuer[];
  algorithms: readonly JwtAlgorithm[];
  replayStore: ReplayStore;
  /** The service clock (deps.clock): tokens are judged at this time. */
  clock: () => Date;
  remote?: RemoteKeySetOptions;
  /** Leeway for `exp`, `nbf` and `iat` against clock skew. Default 60 s. */
  clockToleranceSeconds?: number;
  /** Longest accepted `exp - iat` and oldest accepted `iat`. Default 3600 s (the sandbox issues 300 s tokens). */
  maxLifetimeSeconds?: number;
}

const MAX_JTI_LENGTH = 256;

/**
 * Verifies `Authorization: Bearer <JWT>` as CDS Hooks 2.0 asks: `typ` JWT, an allowed asymmetric `alg`, a `kid`,
 * a trusted `iss` whose key (pinned, or from an allowlisted `jku`) checks the signature, `aud` equal to the URL
 * called, `exp`/`nbf`/`iat` within leeway, a bounded lifetime, the issuer's tenants, and a `jti` never seen before
 * while the token could still be accepted. Every failure is a bare 401 whose reason is only logged, never the token.
 */
export function createJwtAuthenticator(options: JwtAuthenticatorOptions): RequestAuthenticator {
  const { algorithms, replayStore, clock } = options;
  const tolerance = options.clockToleranceSeconds ?? 60;
  const maxLifetime = options.maxLifetimeSeconds ?? 3600;
  const issuers = new Map(options.issuers.map((i) => [i.iss, { issuer: i, keys: issuerKeys(i, options.remote) }]));
  const allowedAlgs = new Set<string>(algorithms);

  return {
    async authenticate({ authorization, audience }) {
      if (authorization === undefined) throw unauthorized('jwt: no Authorization header');
      const token = bearerToken(authorization);
      if (!token) throw unauthorized('jwt: Authorization is not a Bearer compact JWT');

      let header: ReturnType<typeof decodeProtectedHeader>;
      let unverified: JWTPayload;
      try {
        header = decodeProtectedHeader(token);
        unverified = decodeJwt(token);
      } catch {
        throw unauthorized('jwt: malformed header or claims');
      }
      if (typeof header.alg !== 'string' || !allowedAlgs.has(header.alg)) throw unauthorized('jwt: alg not allowed');
      if (header.typ !== 'JWT') throw unauthorized('jwt: typ is not JWT');
      if (typeof header.kid !== 'string' || !header.kid) throw unauthorized('jwt: no kid');
      const trusted = typeof unverified.iss === 'string' ? issuers.get(unverified.iss) : undefined;
      if (!trusted) throw unauthorized('jwt: issuer not trusted');

      const now = clock();
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, trusted.keys, {
          algorithms: [...algorithms],
          typ: 'JWT',
          issuer: trusted.issuer.iss,
          audience,
          currentDate: now,
          clockTolerance: tolerance,
          maxTokenAge: maxLifetime,
          requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
        }));
      } catch (error) {
        throw unauthorized(`jwt: ${rejectionReason(error)}`);
      }

      const { exp, iat, jti, tenant } = payload as JWTPayload & { exp: number; iat: number; tenant?: unknown };
      if (exp - iat > maxLifetime) throw unauthorized('jwt: lifetime (exp - iat) too long');
      if (typeof jti !== 'string' || !jti || jti.length > MAX_JTI_LENGTH) throw unauthorized('jwt: jti unusable');
      const tenants = trusted.issuer.tenant;
      if (tenants && (typeof tenant !== 'string' || !tenants.includes(tenant))) {
        throw unauthorized('jwt: tenant not allowed for this issuer');
      }

      // Remember the jti for as long as the token could still pass the exp check (exp + leeway).
      const ttlMs = (exp + tolerance) * 1000 - now.getTime();
      let first: boolean;
      try {
        first = await replayStore.claimOnce(`jti:${encodeURIComponent(trusted.issuer.iss)}:${jti}`, ttlMs);
      } catch (error) {
        // Fail closed, but as a retryable 503: the client did nothing wrong when the replay store is down.
        const detail = error instanceof ReplayStoreUnavailable ? error.message : 'replay store failed';
        throw new HttpProblem(
          503,
          operationOutcome('transient', 'Authentication is temporarily unavailable; retry later'),
          `jwt: ${detail}`,
        );
      }
      if (!first) throw unauthorized('jwt: jti replayed');
    },
  };
}

/** A log-safe reason for a jose failure: its code and the claim concerned, never the token or claim values. */
function rejectionReason(error: unknown): string {
  if (error instanceof JkuNotAllowed) return 'jku not on the issuer allowlist (not fetched)';
  if (error instanceof errors.JWTExpired) return `expired (${error.claim})`;
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} ${error.reason}`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key matches kid';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JOSEError) return error.code;
  return 'verification failed';
}
