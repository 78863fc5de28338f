import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InvocationRecord } from '../../src/store/card-store.ts';
import { openSqlCardStore } from '../../src/store/open-card-store.ts';
import { round } from './load.ts';

/** What the embedded card store costs per card logged. */
export interface CardLogFigures {
  /** Invocations (one card each, as a patient-view call logs) per write, as the write-behind log batches them. */
  batchSize: number;
  batches: number;
  /** CPU time of this process, store thread included, per card written: what the service's core pays for the log. */
  cpuMsPerCard: number;
  /** Wall time per batch, median. */
  medianBatchMs: number;
}

export interface CardLogBenchOptions {
  batchSize: number;
  batches: number;
  warmupBatches: number;
}

/** An invocation as the candidacy service logs it for the bench patient: one candidate card, five criteria. */
function benchInvocation(): InvocationRecord {
  return {
    hookInstance: randomUUID(),
    serviceId: 'botox-candidacy',
    issuedAt: new Date().toISOString(),
    policy: { id: 'default', version: '2026.11.0' },
    patientKey: 'Qm9keS1rZXllZC1oYXNoLW9mLXBhdGll',
    cards: [
      {
        uuid: randomUUID(),
        indicator: 'info',
        status: 'candidate',
        criteria: ['age', 'chronic-migraine', 'migraine-days', 'headache-duration', 'preventive-failures'].map(
          (id) => ({ id, status: id === 'headache-duration' ? 'unknown' : 'met' }),
        ),
        findings: [],
        suggestionUuids: [randomUUID()],
        overrideReasons: [],
      },
    ],
  };
}

/**
 * The card log alone: the embedded store (PGlite on its thread, in a fresh directory) written in batches the size the
 * write-behind log sends under load. CPU time is the process's, both threads, as on the service's pinned core.
 */
export async function benchCardLog(options: CardLogBenchOptions): Promise<CardLogFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'migraine-cds-bench-log-'));
  const store = await openSqlCardStore({ DATA_DIR: dataDir });
  try {
    const batch = () => Array.from({ length: options.batchSize }, benchInvocation);
    for (let i = 0; i < options.warmupBatches; i++) await store.recordInvocations(batch());
    const walls: number[] = [];
    let cpuMs = 0;
    for (let i = 0; i < options.batches; i++) {
      const records = batch();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await store.recordInvocations(records);
      walls.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      cpuMs += (cpu.user + cpu.system) / 1000;
    }
    walls.sort((a, b) => a - b);
    return {
      batchSize: options.batchSize,
      batches: options.batches,
      cpuMsPerCard: round(cpuMs / (options.batches * options.batchSize), 4),
      medianBatchMs: round(walls[Math.floor(walls.length / 2)] ?? Number.NaN, 2),
    };
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
