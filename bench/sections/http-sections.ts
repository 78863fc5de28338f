import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions } from '../bench-options.ts';
import type { BenchPatient } from '../data/bench-patient.ts';
import { candidacyRequest } from '../data/bench-patient.ts';
import { type LoadFigures, postLoad, round } from '../harness/load.ts';
import { type ProbeResult, probe } from '../harness/probe.ts';
import { processCpuMs } from '../harness/process-cpu.ts';
import { startSlowFhirServer } from '../harness/slow-fhir-server.ts';
import { type MemorySample, type ServerChild, spawnServer } from '../harness/spawn-server.ts';
import { freePort, serviceEnv } from './server-env.ts';

const SERVER_CORE = 0;
const SERVICE_PATH = '/cds-services/botox-candidacy';
const here = (file: string) => new URL(`../servers/${file}`, import.meta.url).pathname;
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** Starts a child, runs `work` on it, always stops it. */
async function withServer<T>(child: Promise<ServerChild>, work: (server: ServerChild) => Promise<T>): Promise<T> {
  const server = await child;
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

/** A service child with a fresh data directory (embedded store), removed afterwards. */
async function withService<T>(
  options: BenchOptions,
  extraEnv: Record<string, string>,
  nodeArgs: string[],
  work: (server: ServerChild) => Promise<T>,
): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'migraine-cds-bench-'));
  try {
    const port = await freePort();
    const env = serviceEnv(options, port, dataDir, extraEnv);
    return await withServer(spawnServer(here('service-server.ts'), { core: SERVER_CORE, env, nodeArgs }), work);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function expectOk(what: string, result: ProbeResult) {
  if (result.status !== 200) throw new Error(`${what} answered ${result.status} to the probe call`);
}

export interface RoundsFigures {
  rounds: number;
  secondsPerRound: number;
  requests: number;
  requestsPerSecond: number;
  /** Median over the rounds of each round's percentile. */
  medianP50Ms: number;
  medianP99Ms: number;
  non2xx: number;
  errors: number;
  /** CPU time of the server process per request over the rounds (Linux /proc), or null where it cannot be read. */
  cpuMsPerRequest: number | null;
}

export interface ThroughputResult {
  ceiling: { probe: ProbeResult; rounds: RoundsFigures };
  service: {
    probe: ProbeResult;
    rounds: RoundsFigures;
    /** The sustained run at the same concurrency: its p99 is the latency target's figure. */
    sustained: LoadFigures;
  };
  /** Service requests per second over ceiling requests per second, both summed over interleaved rounds. */
  ratio: number;
  /** Ceiling CPU per request over service CPU per request: the same ratio, measured in CPU time, not wall time. */
  cpuRatio: number | null;
  memory: {
    afterWarmup: MemorySample;
    afterSustained: MemorySample;
    rssGrowthPercent: number;
    /** Retained JS heap (after a full GC): growth here with flat RSS still points at a leak. */
    heapUsedGrowthPercent: number;
    sustainedSeconds: number;
  };
}

/** A load run with the server's CPU time over it. */
async function measured(pid: number, run: () => Promise<LoadFigures>): Promise<LoadFigures & { cpuMs?: number }> {
  const before = processCpuMs(pid);
  const figures = await run();
  const after = processCpuMs(pid);
  return before === undefined || after === undefined ? figures : { ...figures, cpuMs: after - before };
}

function summariseRounds(runs: (LoadFigures & { cpuMs?: number })[]): RoundsFigures {
  const seconds = runs.reduce((a, r) => a + r.durationSeconds, 0);
  const requests = runs.reduce((a, r) => a + r.requests, 0);
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  return {
    rounds: runs.length,
    secondsPerRound: runs[0]?.durationSeconds ?? 0,
    requests,
    requestsPerSecond: round(requests / seconds),
    medianP50Ms: med(runs.map((r) => r.latencyMs.p50)),
    medianP99Ms: med(runs.map((r) => r.latencyMs.p99)),
    non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
    errors: runs.reduce((a, r) => a + r.errors + r.timeouts, 0),
    cpuMsPerRequest: runs.every((r) => r.cpuMs !== undefined)
      ? round(runs.reduce((a, r) => a + (r.cpuMs ?? 0), 0) / requests, 3)
      : null,
  };
}

/**
 * Sections 1, 2 and 5. The ceiling (a bare Hono route that parses the same JSON and answers a few bytes) and the
 * service run side by side on the same core, loaded in alternating rounds so that noise from other processes on
 * this machine falls on both alike; the ratio is taken over the rounds. Then the service alone takes a sustained run
 * (its p99 and its RSS after, against its RSS after warm-up; both samples after a full GC).
 */
export async function runThroughput(options: BenchOptions, body: string): Promise<ThroughputResult> {
  const load = (url: string, durationSeconds: number) =>
    postLoad({ url, body, connections: options.connections, durationSeconds });
  return withService(options, {}, [], async (service) => {
    const serviceUrl = `${service.baseUrl}${SERVICE_PATH}`;
    const serviceProbe = await probe(serviceUrl, body);
    expectOk('the service', serviceProbe);
    const ceilingChild = spawnServer(here('ceiling-server.ts'), { core: SERVER_CORE, env: {} });
    const interleaved = await withServer(ceilingChild, async (ceiling) => {
      const ceilingUrl = `${ceiling.baseUrl}${SERVICE_PATH}`;
      const ceilingProbe = await probe(ceilingUrl, body);
      expectOk('the ceiling server', ceilingProbe);
      log(
        `warm-up ${options.seconds.warmup} s each, then ${options.rounds.count} rounds of ${options.rounds.seconds} s`,
      );
      await load(ceilingUrl, options.seconds.warmup);
      await load(serviceUrl, options.seconds.warmup);
      const c: (LoadFigures & { cpuMs?: number })[] = [];
      const s: (LoadFigures & { cpuMs?: number })[] = [];
      for (let i = 0; i < options.rounds.count; i++) {
        c.push(await measured(ceiling.pid, () => load(ceilingUrl, options.rounds.seconds)));
        s.push(await measured(service.pid, () => load(serviceUrl, options.rounds.seconds)));
      }
      return { ceilingProbe, c: summariseRounds(c), s: summariseRounds(s) };
    });
    const afterWarmup = await service.memory();
    log(`service: ${options.seconds.sustained} s sustained`);
    const rssSeriesMb: number[] = [];
    const sampler = setInterval(() => {
      void service.memory(false).then((m) => rssSeriesMb.push(round(m.rss / 1e6, 1)));
    }, 5000);
    const sustained = await load(serviceUrl, options.seconds.sustained).finally(() => clearInterval(sampler));
    const afterSustained = await service.memory();
    return {
      ceiling: { probe: interleaved.ceilingProbe, rounds: interleaved.c },
      service: { probe: serviceProbe, rounds: interleaved.s, sustained },
      ratio: round(interleaved.s.requestsPerSecond / interleaved.c.requestsPerSecond, 3),
      cpuRatio:
        interleaved.c.cpuMsPerRequest && interleaved.s.cpuMsPerRequest
          ? round(interleaved.c.cpuMsPerRequest / interleaved.s.cpuMsPerRequest, 3)
          : null,
      memory: {
        afterWarmup,
        afterSustained,
        rssGrowthPercent: round(((afterSustained.rss - afterWarmup.rss) / afterWarmup.rss) * 100, 1),
        heapUsedGrowthPercent: round(
          ((afterSustained.heapUsed - afterWarmup.heapUsed) / afterWarmup.heapUsed) * 100,
          1,
        ),
        sustainedSeconds: options.seconds.sustained,
        rssSeriesMb,
      },
    };
  });
}

export interface FallbackResult {
  probe: ProbeResult;
  queriesPerCall: number;
  /** Most queries the FHIR server held at once during the probe call: 8 means all keys were fetched in parallel. */
  peakParallelQueries: number;
  delayMs: number;
  delaySumMs: number;
  load: LoadFigures;
}

/** Section 3: no prefetch; every key fetched from a local FHIR server that answers each query after the delay. */
export async function runFallback(options: BenchOptions, chart: BenchPatient): Promise<FallbackResult> {
  const fhir = await startSlowFhirServer(chart, options.fallbackDelayMs);
  try {
    const extraEnv = { FHIR_SERVER_ALLOWLIST: fhir.baseUrl };
    return await withService(options, extraEnv, [], async (server) => {
      const url = `${server.baseUrl}${SERVICE_PATH}`;
      const body = JSON.stringify(candidacyRequest(chart, { prefetch: false, fhirServer: fhir.baseUrl }));
      fhir.reset();
      const first = await probe(url, body);
      expectOk('the service (fallback)', first);
      const stats = fhir.stats();
      if (stats.requests === 0) throw new Error('the service answered without querying the FHIR server: no fallback');
      log(`fallback: ${stats.requests} queries per call, ${options.seconds.fallback} s at 1 connection`);
      await postLoad({ url, body, connections: 1, durationSeconds: Math.min(3, options.seconds.warmup) });
      const load = await postLoad({ url, body, connections: 1, durationSeconds: options.seconds.fallback });
      return {
        probe: first,
        queriesPerCall: stats.requests,
        peakParallelQueries: stats.peakInFlight,
        delayMs: options.fallbackDelayMs,
        delaySumMs: stats.requests * options.fallbackDelayMs,
        load,
      };
    });
  } finally {
    await fhir.close();
  }
}

/**
 * The profiling pass, apart from the measured runs: warm-up, then the V8 sampling profiler in the service child for
 * the load window only (start-up excluded), written to `file`.
 */
export async function runProfiledService(options: BenchOptions, body: string, file: string): Promise<void> {
  await withService(options, {}, [], async (server) => {
    const url = `${server.baseUrl}${SERVICE_PATH}`;
    expectOk('the service', await probe(url, body));
    await postLoad({ url, body, connections: options.connections, durationSeconds: options.seconds.warmup });
    log(`profile: ${options.seconds.profile} s under the V8 profiler`);
    await server.profileStart();
    await postLoad({ url, body, connections: options.connections, durationSeconds: options.seconds.profile });
    await server.profileStop(file);
  });
}
