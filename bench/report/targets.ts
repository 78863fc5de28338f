/** The figures a target is judged on; a section that failed to run leaves its figure undefined. */
export interface TargetInputs {
  ratio?: number;
  serviceP99Ms?: number;
  fallbackP50Ms?: number;
  fallbackDelaySumMs?: number;
  engine10yMs?: number;
  engine10yOver1y?: number;
  rssGrowthPercent?: number;
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

/** The targets of issue 9, each judged on its figure. */
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
  ];
}
