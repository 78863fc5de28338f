/** Longest token accepted; real CDS Hooks client tokens are well under 2 KB. */
const MAX_TOKEN_LENGTH = 8192;
// The signature may be empty (alg none) so that such tokens are refused by the alg check, with that reason logged.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Extracts the compact JWT from an `Authorization: Bearer <jwt>` header value, or `undefined` when the value is not
 * exactly that (another scheme, extra parts, not three base64url segments, too long).
 */
export function bearerToken(authorization: string): string | undefined {
  const match = /^Bearer +(\S+)$/i.exec(authorization.trim());
  const token = match?.[1];
  if (!token || token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) return undefined;
  return token;
}
