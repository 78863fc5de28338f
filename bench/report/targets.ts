import type { StoreBudgetRun } from '../harness/service-budgets.ts';

/** Above this share of the RSS at half-way, memory counts as growing over the second half of the calls. */
export const RSS_FLAT_TOLERANCE_PERCENT = 5;

/** The figures a target is judged on; a section that failed to run leaves its figure undefined. */
export interface TargetInputs {
  ratio?: number;
  serviceP99Ms?: number;
  fallbackP50Ms?: number;
  fallbackDelaySumMs?: number;
  engine10yMs?: number;
  engine10yOver1y?: number;
  rssGrowthPercent?: number;
  /** Issue 20's start-up and memory runs, one per store. */
  budgets?: StoreBudgetRun[];
}

export interface TargetVerdict {
  id: string;
  target: string;
  value: number | null;
  unit: string;
  /** `not-measured` when the section could not run (its error is in the summary). */
  verdict: 'met' | 'missed' | 'not-measured';
}

/** Above this share of the warm-up RSS, memory counts as having grown (allocator and GC noise stay below it). */
export const RSS_GROWTH_TOLERANCE_PERCENT = 5;

/** The targets of issues 9 and 20, each judged on its figure. */
export function judgeTargets(f: TargetInputs): TargetVerdict[] {
  const judge = (id: string, target: string, value: number | undefined, unit: string, ok: (v: number) => boolean) =>
    ({
      id,
      target,
      value: value ?? null,
      unit,
      verdict: value === undefined || Number.isNaN(value) ? 'not-measured' : ok(value) ? 'met' : 'missed',
    }) as TargetVerdict;
  return [
    judge('ceiling-ratio', 'service/ceiling throughput >= 0.5', f.ratio, 'ratio', (v) => v >= 0.5),
    judge('p99-full-prefetch', 'p99 <= 50 ms at 20 connections, full prefetch', f.serviceP99Ms, 'ms', (v) => v <= 50),
    judge(
      'fallback-p50',
      `fallback p50 < 120 ms with every query delayed 50 ms (sum of delays ${f.fallbackDelaySumMs ?? '?'} ms)`,
      f.fallbackP50Ms,
      'ms',
      (v) => v < 120,
    ),
    judge('engine-10y', 'engine on 10 years of daily diary < 5 ms', f.engine10yMs, 'ms', (v) => v < 5),
    judge('engine-linear', 'engine time 10y/1y <= 12', f.engine10yOver1y, 'ratio', (v) => v <= 12),
    judge(
      'rss-stable',
      `no RSS growth over the sustained run (<= ${RSS_GROWTH_TOLERANCE_PERCENT}% of the warm-up RSS)`,
      f.rssGrowthPercent,
      '%',
      (v) => v <= RSS_GROWTH_TOLERANCE_PERCENT,
    ),
    ...budgetTargets(f.budgets ?? [], judge),
  ];
}

type Judge = (
  id: string,
  target: string,
  value: number | undefined,
  unit: string,
  ok: (v: number) => boolean,
) => TargetVerdict;

/** Issue 20's budgets (an idle machine is assumed; the summary's `machine.busy` says when it was not). */
function budgetTargets(runs: StoreBudgetRun[], judge: Judge): TargetVerdict[] {
  const run = (store: StoreBudgetRun['store']) => runs.find((r) => r.store === store);
  const pg = run('postgres');
  const created = run('embedded-new');
  const reopened = run('embedded-existing');
  const maxRss = (r: StoreBudgetRun | undefined) => (r ? Math.max(r.rssIdleMb, r.rssHalfMb, r.rssEndMb) : undefined);
  return [
    judge('ready-postgres', 'ready <= 2 s with PostgreSQL', pg?.readyMs, 'ms', (v) => v <= 2000),
    judge('ready-embedded', 'ready <= 3 s with an existing embedded store', reopened?.readyMs, 'ms', (v) => v <= 3000),
    judge('create-embedded', 'creating the embedded store: ready <= 10 s', created?.readyMs, 'ms', (v) => v <= 10_000),
    judge(
      'rss-postgres',
      `RSS <= 200 MB with PostgreSQL after ${pg?.calls ?? '?'} calls`,
      maxRss(pg),
      'MB',
      (v) => v <= 200,
    ),
    judge(
      'rss-postgres-flat',
      `RSS with PostgreSQL flat over the second half (<= ${RSS_FLAT_TOLERANCE_PERCENT}%)`,
      pg?.secondHalfGrowthPercent,
      '%',
      (v) => v <= RSS_FLAT_TOLERANCE_PERCENT,
    ),
    judge('rss-embedded', 'RSS <= 400 MB with the embedded store', maxRss(reopened), 'MB', (v) => v <= 400),
    judge(
      'p99-fixed-rate',
      'p99 <= 25 ms at 200 calls/s on one core (bench patient)',
      (pg ?? reopened)?.fixedRate.p99Ms,
      'ms',
      (v) => v <= 25,
    ),
  ];
}
