import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../config.ts';

/** The shipped development trust file: the public sandbox issuer with its pinned key set. Unsafe for production. */
/** The public CDS Hooks sandbox: its signing key pair is published with its source, so anyone can sign as it. */
export const SANDBOX_ISSUER = 'https://sandbox.cds-hooks.org';
const SANDBOX_KEY_ID = '44823f3d-0b01-4a6c-a80e-b9d3e8a7226f';

/** True when an entry trusts the sandbox: by its issuer, its key set URL, or its published key pinned under another. */
export function trustsSandbox(issuer: TrustedIssuer): boolean {
  const sandboxHost = new URL(SANDBOX_ISSUER).host;
  return (
    issuer.iss.replace(/\/+$/, '') === SANDBOX_ISSUER ||
    (issuer.jku ?? []).some((url) => new URL(url).host === sandboxHost) ||
    (issuer.jwks?.keys ?? []).some((k) => (k as { kid?: string }).kid === SANDBOX_KEY_ID)
  );
}

export const SANDBOX_DEV_TRUST_FILE = new URL('../../config/trusted-issuers.sandbox-dev.json', import.meta.url);

const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

const publicJwk = z
  .looseObject({ kty: z.enum(['EC', 'RSA']), kid: z.string().min(1).optional(), alg: z.string().optional() })
  .refine((jwk) => PRIVATE_JWK_MEMBERS.every((m) => !(m in jwk)), {
    message: 'must be a public key (private or symmetric key material found)',
  });

const httpsUrl = z.url({ protocol: /^https$/ }).refine((u) => !new URL(u).hash, {
  message: 'must not carry a fragment',
});

/** One trusted client: a pinned key set, an allowlist of key-set URLs (`jku`), or both, and optional tenants. */
export const trustedIssuerSchema = z
  .strictObject({
    $comment: z.string().optional(),
    iss: z.string().min(1),
    jwks: z.strictObject({ keys: z.array(publicJwk).min(1) }).optional(),
    jku: z.array(httpsUrl).min(1).optional(),
    tenant: z.array(z.string().min(1)).min(1).optional(),
  })
  .refine((i) => i.jwks || i.jku, { message: 'needs a pinned "jwks" or a "jku" allowlist' });

export const trustedIssuersSchema = z
  .array(trustedIssuerSchema)
  .min(1)
  .refine((list) => new Set(list.map((i) => i.iss)).size === list.length, { message: 'an issuer is listed twice' });

export type TrustedIssuer = z.infer<typeof trustedIssuerSchema>;

/**
 * Reads and validates a trust file (`CDS_TRUSTED_ISSUERS`). Throws a ConfigError naming each problem by its path in
 * the file, never quoting values.
 */
export function loadTrustedIssuers(path: string | URL): TrustedIssuer[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const why = error instanceof SyntaxError ? 'not valid JSON' : 'cannot be read';
    throw new ConfigError(`Invalid configuration:\n  CDS_TRUSTED_ISSUERS: the trust file ${why}`);
  }
  const parsed = trustedIssuersSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  CDS_TRUSTED_ISSUERS [${i.path.join('.')}]: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
