import type { Observation, ObservationComponent, Quantity } from '@medplum/fhirtypes';

const COUNTING_STATUS = new Set(['final', 'amended', 'corrected']);

/** An Observation counts when its status is final, amended or corrected (clinical-criteria 2). */
export function observationCounts(obs: Observation): boolean {
  return COUNTING_STATUS.has(obs.status);
}

/** A numeric value (valueQuantity or valueInteger) of an Observation or component; none when dataAbsentReason is set. */
export function numericValue(item: Observation | ObservationComponent): { value: number; unit?: string } | undefined {
  if (item.dataAbsentReason) return undefined;
  if (typeof item.valueInteger === 'number') return { value: item.valueInteger };
  const q: Quantity | undefined = item.valueQuantity;
  if (q && typeof q.value === 'number' && Number.isFinite(q.value)) {
    const unit = q.code ?? q.unit;
    return unit === undefined ? { value: q.value } : { value: q.value, unit };
  }
  return undefined;
}

const DAY_UNITS = new Set(['d', 'day', 'days', '{days}', '{day}']);
const HOUR_UNITS = new Set(['h', 'hr', 'hrs', 'hour', 'hours']);
const MINUTE_UNITS = new Set(['min', 'mins', 'minute', 'minutes']);

/** A count of days: unit absent or a day unit. */
export function isDayUnit(unit: string | undefined): boolean {
  return unit === undefined || DAY_UNITS.has(unit.trim().toLowerCase());
}

/** Hours from a duration quantity (no unit = hours, as clinical-criteria 2.1 defines the component); else undefined. */
export function toHours(value: number, unit: string | undefined): number | undefined {
  if (unit === undefined || HOUR_UNITS.has(unit.trim().toLowerCase())) return value;
  if (MINUTE_UNITS.has(unit.trim().toLowerCase())) return value / 60;
  return undefined;
}

/** Issue time for "keep the later-issued" (issued, else meta.lastUpdated), in ms; undefined sorts as oldest. */
export function issuedMs(obs: Observation): number | undefined {
  const t = obs.issued ?? obs.meta?.lastUpdated;
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}
