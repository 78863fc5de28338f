import type { Observation, ObservationComponent, Quantity } from '@medplum/fhirtypes';

/** An Observation counts when its status is final, amended or corrected (clinical-rules 2). */
export function observationCounts(obs: Observation): boolean {
  const status = obs.status;
  return status === 'final' || status === 'amended' || status === 'corrected';
}

/** A numeric value (valueQuantity or valueInteger) of an Observation or component; none when dataAbsentReason is set. */
export function numericValue(item: Observation | ObservationComponent): { value: number; unit?: string } | undefined {
  const value = numberOf(item);
  if (value === undefined) return undefined;
  const unit = unitOf(item);
  return unit === undefined ? { value } : { value, unit };
}

/** `numericValue(item)?.value`, without building the pair: read on every diary entry. */
export function numberOf(item: Observation | ObservationComponent): number | undefined {
  if (item.dataAbsentReason) return undefined;
  if (typeof item.valueInteger === 'number') return item.valueInteger;
  const q: Quantity | undefined = item.valueQuantity;
  return q && typeof q.value === 'number' && Number.isFinite(q.value) ? q.value : undefined;
}

/** The unit of the value `numberOf` reads: none for valueInteger, else the quantity's code or unit. */
export function unitOf(item: Observation | ObservationComponent): string | undefined {
  return typeof item.valueInteger === 'number' ? undefined : (item.valueQuantity?.code ?? item.valueQuantity?.unit);
}

const DAY_UNITS = new Set(['d', 'day', 'days', '{days}', '{day}']);
const HOUR_UNITS = new Set(['h', 'hr', 'hrs', 'hour', 'hours']);
const MINUTE_UNITS = new Set(['min', 'mins', 'minute', 'minutes']);

// Each unit set is tried as written first: a unit already trimmed and lower case needs no new strings.

/** A count of days: unit absent or a day unit. */
export function isDayUnit(unit: string | undefined): boolean {
  return unit === undefined || DAY_UNITS.has(unit) || DAY_UNITS.has(unit.trim().toLowerCase());
}

/** Hours from a duration quantity (no unit = hours, as clinical-rules 2.1 defines the component); else undefined. */
export function toHours(value: number, unit: string | undefined): number | undefined {
  if (unit === undefined || HOUR_UNITS.has(unit)) return value;
  if (MINUTE_UNITS.has(unit)) return value / 60;
  const normal = unit.trim().toLowerCase();
  if (HOUR_UNITS.has(normal)) return value;
  if (MINUTE_UNITS.has(normal)) return value / 60;
  return undefined;
}

/** Issue time for "keep the later-issued" (issued, else meta.lastUpdated), in ms; undefined sorts as oldest. */
export function issuedMs(obs: Observation): number | undefined {
  const t = obs.issued ?? obs.meta?.lastUpdated;
  if (!t) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}
