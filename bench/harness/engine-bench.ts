import { performance } from 'node:perf_hooks';
import { benchPatient, benchResources } from '../data/bench-patient.ts';
import { round } from './load.ts';

/** Time per assessment for one diary length. */
export interface EngineFigures {
  years: number;
  observations: number;
  runs: number;
  /** assessCandidacy alone, median and 90th percentile over the timed runs. */
  medianMs: number;
  p90Ms: number;
  /**
   * CPU time of the process per assessment, median: unlike wall time it does not count time the scheduler gave to
   * other processes, so it is the better estimate of the idle-machine figure on a busy one.
   */
  cpuMedianMs: number;
  /** The assessment's status on this chart (a candidate: every rule ran to the end). */
  status: string;
  /** buildPatientRecord, median (outside the figure above). */
  buildRecordMedianMs: number;
}

export interface EngineBenchOptions {
  evaluationDate: string;
  years: number[];
  /** Untimed runs first (JIT warm-up), then timed runs until `runs` or `budgetMs` is reached (at least 20). */
  warmupRuns: number;
  runs: number;
  budgetMs: number;
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}

/**
 * The engine alone: assessCandidacy on a PatientRecord built by buildPatientRecord, for each diary length (one entry
 * per day, durations included). Every run gets freshly cloned resources, as every request parses fresh JSON, so that
 * no cache keyed on resource objects flatters the figure.
 */
export async function benchEngine(options: EngineBenchOptions): Promise<EngineFigures[]> {
  const { assessCandidacy } = await import('../../src/engine/assess-candidacy.ts');
  const { buildPatientRecord } = await import('../../src/engine/patient-record.ts');
  const { loadPolicy } = await import('../../src/engine/policy/load-policy.ts');
  const policy = loadPolicy('default');
  const assessOptions = { evaluationDate: options.evaluationDate, siteTimeZone: 'UTC' };
  const figures: EngineFigures[] = [];
  for (const years of options.years) {
    const chart = benchPatient({
      evaluationDate: options.evaluationDate,
      years,
      headacheFreeEntries: true,
      durations: true,
    });
    const resources = benchResources(chart);
    const patientId = chart.patient.id;
    const once = () => {
      const fresh = structuredClone(resources);
      const t0 = performance.now();
      const record = buildPatientRecord(fresh, { patientId });
      const t1 = performance.now();
      const cpu0 = process.cpuUsage();
      const assessment = assessCandidacy(record, policy, assessOptions);
      const cpu = process.cpuUsage(cpu0);
      const t2 = performance.now();
      return { build: t1 - t0, assess: t2 - t1, cpu: (cpu.user + cpu.system) / 1000, status: assessment.status };
    };
    let status = '';
    for (let i = 0; i < options.warmupRuns; i++) status = once().status;
    const assess: number[] = [];
    const cpu: number[] = [];
    const build: number[] = [];
    const started = performance.now();
    while (assess.length < options.runs && (assess.length < 20 || performance.now() - started < options.budgetMs)) {
      const r = once();
      assess.push(r.assess);
      cpu.push(r.cpu);
      build.push(r.build);
    }
    figures.push({
      years,
      observations: chart.observations.length,
      runs: assess.length,
      medianMs: round(median(assess), 3),
      p90Ms: round(quantile(assess, 0.9), 3),
      cpuMedianMs: round(median(cpu), 3),
      status,
      buildRecordMedianMs: round(median(build), 3),
    });
  }
  return figures;
}
