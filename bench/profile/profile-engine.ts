import { Session } from 'node:inspector/promises';
import { benchPatient, benchResources } from '../data/bench-patient.ts';
import type { CpuProfile } from './summarise-cpu-profile.ts';

/**
 * Profiles assessCandidacy in this process (V8 sampling profiler through the inspector) on `years` of daily diary,
 * for `runs` assessments after a warm-up. Fresh resources per run, as in the engine benchmark.
 */
export async function profileEngine(evaluationDate: string, years: number, runs: number): Promise<CpuProfile> {
  const { assessCandidacy } = await import('../../src/engine/assess-candidacy.ts');
  const { buildPatientRecord } = await import('../../src/engine/patient-record.ts');
  const { loadPolicy } = await import('../../src/engine/policy/load-policy.ts');
  const policy = loadPolicy('default');
  const chart = benchPatient({ evaluationDate, years, headacheFreeEntries: true, durations: true });
  const resources = benchResources(chart);
  const records = Array.from({ length: runs }, () =>
    buildPatientRecord(structuredClone(resources), { patientId: chart.patient.id }),
  );
  const assess = (record: (typeof records)[number]) =>
    assessCandidacy(record, policy, { evaluationDate, siteTimeZone: 'UTC' });
  for (let i = 0; i < Math.min(20, runs); i++) assess(buildPatientRecord(structuredClone(resources)));
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    for (const record of records) assess(record);
    const { profile } = await session.post('Profiler.stop');
    return profile as unknown as CpuProfile;
  } finally {
    session.disconnect();
  }
}
