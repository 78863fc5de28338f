import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { HttpProblem } from '../../src/http/operation-outcome.ts';
import type { TrustedIssuer } from '../../src/trust/trusted-issuers.ts';

export const ISSUER = 'https://ehr.example.org';
export const REMOTE_ISSUER = 'https://remote-ehr.example.org';
export const REMOTE_JKU = 'https://keys.remote-ehr.example.org/.well-known/jwks.json';

export interface TestKey {
  kid: string;
  alg: 'ES384' | 'RS384' | 'ES256' | 'RS256';
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK & { kty: 'EC' | 'RSA' };
}

/** A fresh signing key pair, generated locally for each test file. */
export async function makeKey(alg: TestKey['alg']): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  const jwk = await exportJWK(publicKey);
  const kty = alg.startsWith('ES') ? 'EC' : 'RSA';
  return { kid, alg, privateKey, publicKey, publicJwk: { ...jwk, kty, kid, alg, use: 'sig' } };
}

export interface TokenSpec {
  key: TestKey;
  aud: string | string[];
  /** The moment the token is issued (the test's injected clock). */
  now: Date;
  iss?: string;
  lifetimeSeconds?: number;
  jti?: string | null;
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
}

/** Signs a CDS Hooks client token the way an EHR does: typ JWT, kid, iss, aud, iat, exp, jti. */
export async function signToken(spec: TokenSpec): Promise<string> {
  const iat = Math.floor(spec.now.getTime() / 1000);
  const claims: Record<string, unknown> = {
    iss: spec.iss ?? ISSUER,
    aud: spec.aud,
    iat,
    exp: iat + (spec.lifetimeSeconds ?? 300),
    ...(spec.jti === null ? {} : { jti: spec.jti ?? randomUUID() }),
    ...spec.claims,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: spec.key.alg, typ: 'JWT', kid: spec.key.kid, ...spec.header })
    .sign(spec.key.privateKey);
}

/** Builds an unsigned compact JWT from raw parts (for alg none and other forgeries). */
export function rawToken(header: Record<string, unknown>, claims: Record<string, unknown>, signature = ''): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part(header)}.${part(claims)}.${signature}`;
}

/** Writes a trust file (CDS_TRUSTED_ISSUERS) into a fresh temporary directory and returns its path. */
export function writeTrustFile(issuers: TrustedIssuer[] | unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cds-trust-')), 'trusted-issuers.json');
  writeFileSync(path, JSON.stringify(issuers));
  return path;
}

/** Awaits a rejected authentication and returns the status and the logged reason. */
export async function rejection(pending: Promise<unknown>): Promise<{ status: number; reason: string }> {
  try {
    await pending;
  } catch (error) {
    if (error instanceof HttpProblem) return { status: error.status, reason: error.logDetail ?? '' };
    throw error;
  }
  throw new Error('expected the token to be rejected, but it was accepted');
}
