import { type AppConfig, ConfigError } from '../config.ts';
import type { Logger } from '../log/logger.ts';
import type { RequestAuthenticator } from './authenticator.ts';
import type { RemoteKeySetOptions } from './issuer-keys.ts';
import { createJwtAuthenticator } from './jwt-authenticator.ts';
import { createMemoryReplayStore } from './memory-replay-store.ts';
import { createOptionalAuthenticator } from './optional-authenticator.ts';
import { createRedisReplayStore } from './redis-replay-store.ts';
import type { ReplayStore } from './replay-store.ts';
import { loadTrustedIssuers, SANDBOX_DEV_TRUST_FILE, type TrustedIssuer, trustsSandbox } from './trusted-issuers.ts';

/** An authenticator that holds a connection (the Redis replay store) to release at shutdown. */
export type ClosableAuthenticator = RequestAuthenticator & { close(): Promise<void> };

/** The authenticator with the replay store behind it, for readiness checks and shutdown. */
export interface ClientTrust {
  authenticator: ClosableAuthenticator;
  replayStore: ReplayStore;
}

/** Releases what `authenticator` holds, when it holds anything (deps.authenticator at shutdown). */
export async function closeAuthenticator(authenticator: RequestAuthenticator): Promise<void> {
  const close = (authenticator as Partial<ClosableAuthenticator>).close;
  if (typeof close === 'function') await close.call(authenticator);
}

/**
 * Builds client authentication from configuration: `verify` checks every call; `off` lets every call through, and
 * verifies a token that is sent only to warn when it fails. In development, without CDS_TRUSTED_ISSUERS, the shipped
 * sandbox trust file is used (its issuer's private key is public). Throws ConfigError when the trust file is invalid,
 * or when production would trust the sandbox without CDS_ALLOW_SANDBOX_ISSUER=true; warns loudly whenever it is trusted.
 */
export function buildClientTrust(
  config: AppConfig,
  options: { clock: () => Date; logger: Logger; remote?: RemoteKeySetOptions },
): ClientTrust {
  const { logger } = options;
  let issuers: TrustedIssuer[] = [];
  if (config.CDS_TRUSTED_ISSUERS) {
    issuers = loadTrustedIssuers(config.CDS_TRUSTED_ISSUERS);
  } else if (config.NODE_ENV === 'development') {
    issuers = loadTrustedIssuers(SANDBOX_DEV_TRUST_FILE);
    logger.warn('CDS_TRUSTED_ISSUERS not set: using the sandbox trust file (development only)');
  }
  const sandbox = issuers.filter(trustsSandbox);
  if (sandbox.length) {
    if (config.production && !config.CDS_ALLOW_SANDBOX_ISSUER) {
      throw new ConfigError(
        'Invalid configuration:\n  CDS_TRUSTED_ISSUERS: the trust file trusts the public CDS Hooks sandbox, whose ' +
          'private key is public (anyone can sign tokens it accepts); production refuses to start with it. Remove ' +
          'that entry, or set CDS_ALLOW_SANDBOX_ISSUER=true for a demo that must accept the sandbox.',
      );
    }
    logger.warn(
      '!!! Trusting the public CDS Hooks sandbox issuer: its private key is public, so ANYONE can sign tokens this ' +
        'service accepts. Development and demos only. !!!',
      { issuers: sandbox.map((i) => i.iss), override: config.CDS_ALLOW_SANDBOX_ISSUER === true },
    );
  }
  const replayStore = config.REDIS_URL
    ? createRedisReplayStore({ url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX })
    : createMemoryReplayStore({ clock: options.clock });
  const verifier = createJwtAuthenticator({
    issuers,
    algorithms: config.jwtAlgorithms,
    replayStore,
    clock: options.clock,
    remote: options.remote,
  });
  if (config.cdsAuth === 'off') {
    logger.warn(
      '!!! CDS_AUTH=off: calls WITHOUT a valid JWT are accepted (a token that is sent is verified, and a failure only logged). ' +
        'Never expose this service like this; set CDS_AUTH=verify and CDS_TRUSTED_ISSUERS. !!!',
    );
  }
  logger.info('client authentication', {
    mode: config.cdsAuth,
    trustedIssuers: issuers.length,
    algorithms: config.jwtAlgorithms,
    replayStore: config.REDIS_URL ? 'redis' : 'memory',
  });
  const authenticator = config.cdsAuth === 'off' ? createOptionalAuthenticator(verifier, logger) : verifier;
  return { authenticator: { ...authenticator, close: () => replayStore.close() }, replayStore };
}
