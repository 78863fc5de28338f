import type { RequestAuthenticator } from './authenticator.ts';

/**
 * `CDS_AUTH=off`: a call without `Authorization` is let through, but a token that is sent anyway is verified by
 * `verifier` (a bad token is never silently accepted just because verification is off).
 */
export function createOptionalAuthenticator(verifier: RequestAuthenticator): RequestAuthenticator {
  return {
    async authenticate(input) {
      if (input.authorization === undefined) return;
      await verifier.authenticate(input);
    },
  };
}
