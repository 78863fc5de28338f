import type { LogFields, Logger } from './logger.ts';

/**
 * Runs one phase the service waits on at start-up (creating the embedded store, applying migrations, loading the FHIR
 * definitions), logging it as it begins, so that a long wait is never silent, and when it ends with its duration.
 */
export async function startUpPhase<T>(
  logger: Logger | undefined,
  phase: string,
  fields: LogFields,
  work: () => T | Promise<T>,
): Promise<T> {
  logger?.info(`${phase}...`, { phase, ...fields });
  const started = performance.now();
  const result = await work();
  logger?.info(`${phase}: done`, { phase, ...fields, ms: Math.round(performance.now() - started) });
  return result;
}
