import type { Observation } from '@medplum/fhirtypes';
import { fhirInstantMs } from '../dates.ts';
import { isDurationComponent, isSeverityComponent } from './diary-codes.ts';
import { numberOf, toHours, unitOf } from './diary-observation.ts';

/** An entry records a headache-free day when valueBoolean is false or its severity component is 0. */
export function isHeadacheFree(obs: Observation): boolean {
  if (obs.valueBoolean === false) return true;
  // Value first: the severity set has text patterns, costly to try on every component.
  for (const c of obs.component ?? []) if (numberOf(c) === 0 && isSeverityComponent(c.code)) return true;
  return false;
}

/** The first usable `headache-duration` component of a headache entry, in hours. */
export function durationComponentHours(obs: Observation): number | undefined {
  for (const c of obs.component ?? []) {
    if (!isDurationComponent(c.code)) continue;
    const value = numberOf(c);
    const h = value !== undefined && value >= 0 ? toHours(value, unitOf(c)) : undefined;
    if (h !== undefined) return h;
  }
  return undefined;
}

/** The timed period of a headache entry, [startMs, endMs], when both ends carry a time and it is not empty. */
export function timedPeriod(obs: Observation): [number, number] | undefined {
  const startMs = fhirInstantMs(obs.effectivePeriod?.start);
  const endMs = fhirInstantMs(obs.effectivePeriod?.end);
  return startMs !== undefined && endMs !== undefined && endMs > startMs ? [startMs, endMs] : undefined;
}
