import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: 256 bits, well above the 128 a capability URL needs. */
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new unguessable capability token: 32 bytes from the CSPRNG, base64url without padding (43 characters). */
export function newTimelineToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** True when `text` has the shape of a token; anything else is refused before the store is asked. */
export function isTimelineToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

/**
 * The key a snapshot is stored under: SHA-256 of the token. A store (or a dump of it) never holds a usable URL.
 */
export function timelineKey(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
