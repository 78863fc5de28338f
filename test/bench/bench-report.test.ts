import { expect, test } from 'vitest';
import { parseBenchOptions } from '../../bench/bench-options.ts';
import { benchPatient, candidacyRequest } from '../../bench/data/bench-patient.ts';
import { benchCardLog } from '../../bench/harness/card-log-bench.ts';
import type { StoreBudgetRun } from '../../bench/harness/service-budgets.ts';
import { benchStages, benchStagesInChild, STAGES } from '../../bench/harness/stage-bench.ts';
import { type CpuProfile, summariseCpuProfile } from '../../bench/profile/summarise-cpu-profile.ts';
import { judgeTargets } from '../../bench/report/targets.ts';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

test('the profile summary splits self and total time and counts a recursive function once per sample', () => {
  // root -> handle -> parse (self) ; handle -> walk -> walk (recursive)
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 6] },
      { id: 2, callFrame: frame('handle', 'file:///app/src/cds/routes.ts', 9), children: [3, 4] },
      { id: 3, callFrame: frame('parse', 'file:///app/node_modules/zod/index.js', 0) },
      { id: 4, callFrame: frame('walk', 'file:///app/src/engine/diary/read.ts', 4), children: [5] },
      { id: 5, callFrame: frame('walk', 'file:///app/src/engine/diary/read.ts', 4) },
      { id: 6, callFrame: frame('(idle)') },
    ],
    samples: [3, 3, 5, 4, 6],
    timeDeltas: [1000, 1000, 1000, 1000, 1000],
    startTime: 0,
    endTime: 5000,
  };
  const summary = summariseCpuProfile(profile, '/app');
  expect(summary.sampledMs).toBe(5);
  expect(summary.idlePercent).toBe(20);
  const walk = summary.bySelf.find((s) => s.function === 'walk');
  expect(walk).toMatchObject({ location: 'src/engine/diary/read.ts:5', selfMs: 2, totalMs: 2 });
  expect(summary.byTotal[0]).toMatchObject({ function: 'handle', totalMs: 4, totalPercent: 80, selfMs: 0 });
  expect(summary.byArea).toContainEqual({ area: 'node_modules/zod', selfMs: 2, selfPercent: 40 });
  expect(summary.byArea).toContainEqual({ area: 'src/engine/diary', selfMs: 2, selfPercent: 40 });
});

test('targets are met, missed, or not measured when their section failed', () => {
  const verdicts = judgeTargets({
    ratio: 0.49,
    serviceP99Ms: 50,
    fallbackP50Ms: 120,
    fallbackDelaySumMs: 400,
    engine10yMs: 4.9,
    engine10yOver1y: 12.5,
  });
  const by = Object.fromEntries(verdicts.map((v) => [v.id, v.verdict]));
  expect(by).toEqual({
    'ceiling-ratio': 'missed',
    'p99-full-prefetch': 'met',
    'fallback-p50': 'missed',
    'engine-10y': 'met',
    'engine-linear': 'missed',
    'rss-stable': 'not-measured',
    'ready-postgres': 'not-measured',
    'ready-embedded': 'not-measured',
    'create-embedded': 'not-measured',
    'rss-postgres': 'not-measured',
    'rss-postgres-flat': 'not-measured',
    'rss-embedded': 'not-measured',
    'p99-fixed-rate': 'not-measured',
  });
});

test('the start-up and memory budgets are judged per store', () => {
  const run = (store: StoreBudgetRun['store'], readyMs: number, rssEndMb: number, p99Ms: number): StoreBudgetRun => ({
    store,
    readyMs,
    firstCardMs: readyMs + 100,
    phases: {},
    rssIdleMb: 90,
    fixedRate: { callsPerSecond: 200, seconds: 5, p50Ms: 5, p99Ms, non2xx: 0 },
    calls: 1000,
    rssHalfMb: 150,
    rssEndMb,
    secondHalfGrowthPercent: ((rssEndMb - 150) / 150) * 100,
  });
  const verdicts = judgeTargets({
    budgets: [
      run('postgres', 1500, 210, 20),
      run('embedded-new', 11_000, 300, 30),
      run('embedded-existing', 2500, 300, 30),
    ],
  });
  const by = Object.fromEntries(verdicts.map((v) => [v.id, v.verdict]));
  expect(by).toMatchObject({
    'ready-postgres': 'met',
    'ready-embedded': 'met',
    'create-embedded': 'missed',
    'rss-postgres': 'missed',
    'rss-postgres-flat': 'missed',
    'rss-embedded': 'met',
    'p99-fixed-rate': 'met',
  });
});

test('the quick flag shortens every phase; unknown arguments are refused', () => {
  const quick = parseBenchOptions(['--quick'], {});
  const full = parseBenchOptions([], {});
  expect(quick.seconds.sustained).toBeLessThan(full.seconds.sustained);
  expect(full.seconds.sustained).toBe(60);
  expect(full.connections).toBe(20);
  expect(() => parseBenchOptions(['--fast'])).toThrow(/unknown argument/);
  expect(() => parseBenchOptions(['--store', 'postgres'], {})).toThrow(/database-url/);
});

test('the card log bench writes its batches to a fresh embedded store and reports the CPU per card', async () => {
  const figures = await benchCardLog({ batchSize: 5, batches: 3, warmupBatches: 1 });
  expect(figures).toMatchObject({ batchSize: 5, batches: 3 });
  expect(figures.cpuMsPerCard).toBeGreaterThan(0);
  expect(figures.medianBatchMs).toBeGreaterThan(0);
}, 180_000);

test('the steps of one call cover the whole candidacy answer and add up to the total', async () => {
  const evaluationDate = '2026-06-15';
  const chart = benchPatient({ evaluationDate, years: 1, headacheFreeEntries: false, durations: false });
  const body = JSON.stringify(candidacyRequest(chart, { prefetch: true }));
  const figures = await benchStages(body, { evaluationDate, warmupRuns: 2, runs: 5 });
  expect(Object.keys(figures.medianUs)).toEqual([...STAGES]);
  for (const stage of STAGES) expect(figures.medianUs[stage]).toBeGreaterThan(0);
  const sum = STAGES.reduce((a, s) => a + figures.medianUs[s], 0);
  expect(figures.totalUs).toBeCloseTo(sum, 0);
  expect(figures.beyondParseUs).toBeCloseTo(sum - figures.medianUs.parse, 0);

  const inChild = benchStagesInChild(body, { evaluationDate, warmupRuns: 1, runs: 3 });
  expect(inChild.runs).toBe(3);
  expect(Object.keys(inChild.medianUs)).toEqual([...STAGES]);
}, 180_000);

test('the steps refuse a body the candidacy service answers without a card (a patient the prefetch is not about)', async () => {
  const evaluationDate = '2026-06-15';
  const chart = benchPatient({ evaluationDate, years: 1, headacheFreeEntries: false, durations: false });
  const request = candidacyRequest(chart, { prefetch: true });
  const noPatient = { ...request, context: { ...(request.context as object), patientId: 'someone-else' } };
  await expect(benchStages(JSON.stringify(noPatient), { evaluationDate, warmupRuns: 0, runs: 1 })).rejects.toThrow(
    /no assessment card/,
  );
});
