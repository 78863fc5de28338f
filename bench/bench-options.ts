/** What `npm run bench` was asked to do. */
export interface BenchOptions {
  quick: boolean;
  /** Also profile the service (node --cpu-prof) in a separate, unmeasured pass and summarise the hot spots. */
  profile: boolean;
  /** Card store of the service: the embedded default (fresh temp DATA_DIR), PostgreSQL (DATABASE_URL), or memory. */
  store: 'embedded' | 'postgres' | 'memory';
  databaseUrl?: string;
  /** E, passed to the server as EVALUATION_DATE; every generated date is relative to it. */
  evaluationDate: string;
  /** Seconds per phase. */
  seconds: { warmup: number; sustained: number; fallback: number; profile: number };
  /** Alternating ceiling/service rounds for the ratio. */
  rounds: { count: number; seconds: number };
  engine: { warmupRuns: number; runs: number; budgetMs: number };
  /** The embedded card log alone: batches of `batchSize` invocations (about 250 ms of calls at 1000 per second). */
  cardLog: { batchSize: number; batches: number; warmupBatches: number };
  /** The steps of one call, in-process: calls timed after the warm-up. */
  stages: { warmupRuns: number; runs: number };
  connections: number;
  fallbackDelayMs: number;
}

/** A fixed E keeps runs comparable; the data is generated relative to it, so it never goes stale. */
export const DEFAULT_EVALUATION_DATE = '2026-06-15';

const USAGE = `usage: npm run bench -- [--quick] [--profile] [--store embedded|postgres|memory] [--database-url URL]
                           [--evaluation-date YYYY-MM-DD]`;

/** Parses the command line; throws with the usage on anything unknown. */
export function parseBenchOptions(argv: string[], env: Record<string, string | undefined> = process.env): BenchOptions {
  const flags = new Set<string>();
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--quick' || arg === '--profile') flags.add(arg);
    else if (['--store', '--database-url', '--evaluation-date'].includes(arg) && argv[i + 1])
      values[arg] = argv[++i] as string;
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  const store = values['--store'] ?? (values['--database-url'] ? 'postgres' : 'embedded');
  if (store !== 'embedded' && store !== 'postgres' && store !== 'memory')
    throw new Error(`unknown store ${store}\n${USAGE}`);
  const databaseUrl = values['--database-url'] ?? env.DATABASE_URL;
  if (store === 'postgres' && !databaseUrl)
    throw new Error(`--store postgres needs --database-url or DATABASE_URL\n${USAGE}`);
  const evaluationDate = values['--evaluation-date'] ?? DEFAULT_EVALUATION_DATE;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(evaluationDate)) throw new Error(`--evaluation-date must be YYYY-MM-DD\n${USAGE}`);
  const quick = flags.has('--quick');
  return {
    quick,
    profile: flags.has('--profile'),
    store,
    ...(store === 'postgres' ? { databaseUrl } : {}),
    evaluationDate,
    seconds: quick
      ? { warmup: 3, sustained: 15, fallback: 5, profile: 5 }
      : { warmup: 10, sustained: 60, fallback: 20, profile: 15 },
    rounds: quick ? { count: 2, seconds: 4 } : { count: 3, seconds: 10 },
    engine: quick ? { warmupRuns: 10, runs: 100, budgetMs: 1500 } : { warmupRuns: 30, runs: 400, budgetMs: 6000 },
    cardLog: quick
      ? { batchSize: 200, batches: 10, warmupBatches: 3 }
      : { batchSize: 200, batches: 40, warmupBatches: 5 },
    stages: quick ? { warmupRuns: 1000, runs: 2000 } : { warmupRuns: 2000, runs: 5000 },
    connections: 20,
    fallbackDelayMs: 50,
  };
}
