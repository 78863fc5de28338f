import { HttpProblem } from '../http/operation-outcome.ts';
import type { Logger } from '../log/logger.ts';
import type { RequestAuthenticator } from './authenticator.ts';

/**
 * `CDS_AUTH=off`: every call is let through. A token that is sent anyway is verified by `verifier`, and one that fails
 * is logged at warn with the reason (never the token) while the call goes on unauthenticated, as it would without
 * the token: refusing it would only turn a demo's wrong URL (an `aud` for `localhost` called at `127.0.0.1`) into
 * a 401 that the CDS Hooks sandbox shows as "All clear!".
 */
export function createOptionalAuthenticator(verifier: RequestAuthenticator, logger: Logger): RequestAuthenticator {
  return {
    async authenticate(input) {
      if (input.authorization === undefined) return;
      try {
        await verifier.authenticate(input);
      } catch (error) {
        if (!(error instanceof HttpProblem)) throw error;
        logger.warn('client token not accepted; CDS_AUTH=off, so the call goes on unauthenticated', {
          reason: error.logDetail ?? error.message,
        });
      }
    },
  };
}
