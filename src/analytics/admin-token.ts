import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when the Authorization header is `Bearer <token>` with the configured admin token. Both sides are hashed first,
 * so the comparison takes the same time whatever the length or content of the presented value.
 */
export function isAdminBearer(authorization: string | undefined, adminToken: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const presented = createHash('sha256')
    .update(match?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(adminToken).digest();
  return timingSafeEqual(presented, expected) && match !== null;
}
