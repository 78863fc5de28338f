import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { openSqlCardStore } from '../store/open-card-store.ts';
import { dateRangeSchema } from './date-range.ts';

const USAGE = 'usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD';

/**
 * `npm run report -- --from 2026-01-01 --to 2026-01-31`: prints the feedback analytics of that inclusive range of UTC
 * days as JSON, from the store the environment names (DATABASE_URL, else the embedded store under DATA_DIR).
 * The embedded store allows one process at a time: stop the service first, or call GET /analytics/feedback.
 */
async function main(argv: string[]): Promise<number> {
  let values: { from?: string; to?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { from: { type: 'string' }, to: { type: 'string' } } }));
  } catch {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const range = dateRangeSchema.safeParse(values);
  if (!range.success) {
    process.stderr.write(
      `${USAGE}\n  ${range.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ')}\n`,
    );
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const store = await openSqlCardStore(config);
  try {
    process.stdout.write(`${JSON.stringify(await store.feedbackAnalytics(range.data), null, 2)}\n`);
  } finally {
    await store.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`report failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
