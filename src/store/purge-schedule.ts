import type { Logger } from '../log/logger.ts';

/**
 * Runs `purge` now and then every `intervalMs`. The timer is unref'd so that it never keeps the process alive; a failed
 * purge is logged and retried at the next tick, and a purge never overlaps the previous one. Returns a function that
 * stops the schedule and waits for a purge under way.
 */
export function schedulePurge(options: {
  name: string;
  purge: () => Promise<void>;
  intervalMs: number;
  logger: Logger;
}): () => Promise<void> {
  const { name, logger } = options;
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= options
      .purge()
      .catch((error) => logger.error(`${name} purge failed`, { error }))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
