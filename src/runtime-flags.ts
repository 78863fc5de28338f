/**
 * The V8 flags the service runs with: `npm start` passes them (package.json, checked by test/runtime-flags.test.ts)
 * and the bench starts both of its servers, the service and the ceiling, with them.
 *
 * Each call parses a prefetch of tens of kilobytes into short-lived objects, which Node 20's defaults handle badly:
 * - `--max-semi-space-size=32`: a 32 MB young generation (the default is 16 MB), so that the data of the calls in
 *   flight is not promoted to the old generation before it dies.
 * - `--no-allocation-site-pretenuring`: V8 otherwise decides, from what survived early scavenges, to allocate some of
 *   the engine's objects straight in the old generation; those then hold the young prefetch objects they point to
 *   through every scavenge, each scavenge takes 15-30 ms instead of 1-3 ms, and the old generation fills with dead
 *   requests until a full collection. It happens in some runs and not others (`--trace-gc` shows it).
 * Measured with `npm run bench` (docs/performance.md); the ceiling's figures do not move with either flag.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32', '--no-allocation-site-pretenuring'];
