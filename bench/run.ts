/**
 * `npm run bench [-- --quick] [-- --profile]`: the benchmark suite of issue 9, on loopback. Prints a JSON summary and
 * writes it to bench-results/<timestamp>.json and bench-results/latest.json. Progress goes to stderr.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { SERVICE_NODE_FLAGS } from '../src/runtime-flags.ts';
import { parseBenchOptions } from './bench-options.ts';
import { benchPatient, candidacyRequest } from './data/bench-patient.ts';
import { benchCardLog } from './harness/card-log-bench.ts';
import { benchEngine, type EngineFigures } from './harness/engine-bench.ts';
import { round } from './harness/load.ts';
import { benchServiceBudgets } from './harness/service-budgets.ts';
import { canPin, pinSelf } from './harness/spawn-server.ts';
import { benchStagesInChild } from './harness/stage-bench.ts';
import { profileEngine } from './profile/profile-engine.ts';
import { type CpuProfile, summariseCpuProfile } from './profile/summarise-cpu-profile.ts';
import { judgeTargets } from './report/targets.ts';
import { runFallback, runProfiledService, runThroughput } from './sections/http-sections.ts';

const root = resolve(new URL('..', import.meta.url).pathname);
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Runs one section; a failure is recorded as `{ error }` and the other sections still run. */
async function section<T>(name: string, work: () => Promise<T>): Promise<T | { error: string }> {
  const t0 = performance.now();
  log(`${name}...`);
  try {
    const result = await work();
    log(`${name} done in ${round((performance.now() - t0) / 1000, 1)} s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${name} FAILED: ${message.split('\n')[0]}`);
    return { error: message.slice(0, 2000) };
  }
}

const ok = <T extends object>(r: T | { error: string }): T | undefined => ('error' in r ? undefined : (r as T));

async function main() {
  const options = parseBenchOptions(process.argv.slice(2));
  const startedAt = new Date();
  const pinned = pinSelf(1);
  const chart = benchPatient({
    evaluationDate: options.evaluationDate,
    years: 1,
    headacheFreeEntries: false,
    durations: false,
  });
  const body = JSON.stringify(candidacyRequest(chart, { prefetch: true }));
  log(`${options.quick ? 'quick' : 'full'} run, body ${body.length} bytes, ${chart.observations.length} diary entries`);

  const loadBefore = os.loadavg();
  const budgets = await section('start-up and memory budgets, per store (built service)', () =>
    benchServiceBudgets({
      quick: options.quick,
      body,
      evaluationDate: options.evaluationDate,
      databaseUrl: options.databaseUrl ?? process.env.TEST_DATABASE_URL,
    }),
  );
  const throughput = await section('service vs ceiling, full prefetch', () => runThroughput(options, body));
  const fallback = await section('fallback (no prefetch, slow FHIR server)', () => runFallback(options, chart));
  const engine = await section('engine alone', () =>
    benchEngine({ evaluationDate: options.evaluationDate, years: [1, 5, 10], ...options.engine }),
  );
  const cardLog = await section('embedded card log alone', () => benchCardLog(options.cardLog));
  const stages = await section('steps of one call, in-process', async () =>
    benchStagesInChild(body, { evaluationDate: options.evaluationDate, ...options.stages }),
  );

  let profile: unknown;
  if (options.profile) {
    const dir = join(root, 'bench-results', 'profiles', startedAt.toISOString().replace(/[:.]/g, '-'));
    mkdirSync(dir, { recursive: true });
    const service = await section('profile: service under load', async () => {
      const file = join(dir, 'service.cpuprofile');
      await runProfiledService(options, body, file);
      return { file, ...summariseCpuProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, root) };
    });
    const engine10y = await section('profile: engine on 10 years (inspector)', async () => {
      const cpuProfile = await profileEngine(options.evaluationDate, 10, options.quick ? 20 : 50);
      const file = join(dir, 'engine-10y.cpuprofile');
      writeFileSync(file, JSON.stringify(cpuProfile));
      return { file, ...summariseCpuProfile(cpuProfile, root) };
    });
    profile = { service, engine10y };
  }

  const t = ok(throughput);
  const fb = ok(fallback);
  const e = ok(engine) as EngineFigures[] | undefined;
  const e1 = e?.find((x) => x.years === 1);
  const e10 = e?.find((x) => x.years === 10);
  const summary = {
    startedAt: startedAt.toISOString(),
    mode: options.quick ? 'quick' : 'full',
    machine: {
      node: process.version,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      // Other processes on the machine skew absolute figures; the ratio is interleaved to resist that.
      loadAverage1m: { before: round(loadBefore[0] ?? 0, 2), after: round(os.loadavg()[0] ?? 0, 2) },
      busy: Math.max(loadBefore[0] ?? 0, os.loadavg()[0] ?? 0) > os.cpus().length,
      pinning: canPin && pinned ? 'server on core 0, load generator on core 1 (taskset)' : 'none (taskset unavailable)',
    },
    setup: {
      evaluationDate: options.evaluationDate,
      store: options.store,
      connections: options.connections,
      pipelining: 1,
      bodyBytes: Buffer.byteLength(body),
      diaryEntries: chart.observations.length,
      /** V8 flags of both servers, the service's production flags (src/runtime-flags.ts). */
      nodeFlags: SERVICE_NODE_FLAGS,
    },
    budgets,
    throughput,
    fallback,
    engine: e ? { runs: e, ratio10yOver1y: e1 && e10 ? round(e10.medianMs / e1.medianMs, 2) : null } : engine,
    cardLog,
    stages,
    ...(profile ? { profile } : {}),
    targets: judgeTargets({
      ratio: t?.ratio,
      serviceP99Ms: t?.service.sustained.latencyMs.p99,
      fallbackP50Ms: fb?.load.latencyMs.p50,
      fallbackDelaySumMs: fb?.delaySumMs,
      engine10yMs: e10?.medianMs,
      engine10yOver1y: e1 && e10 ? e10.medianMs / e1.medianMs : undefined,
      rssGrowthPercent: t?.memory.rssGrowthPercent,
      budgets: ok(budgets),
    }),
    durationSeconds: round((Date.now() - startedAt.getTime()) / 1000, 1),
  };

  const json = JSON.stringify(summary, null, 2);
  const dir = join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`), `${json}\n`);
  writeFileSync(join(dir, 'latest.json'), `${json}\n`);
  process.stdout.write(`${json}\n`);
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
