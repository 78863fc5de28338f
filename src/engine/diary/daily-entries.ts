import type { Observation } from '@medplum/fhirtypes';

/**
 * The daily entries of a record (classified once, counting by status), in record order, as indexes into the record's
 * Observations: a long diary is read without an object or array slot per entry.
 */
export class DailyEntries {
  count = 0;
  private readonly index: Int32Array;
  private readonly migraine: Uint8Array;

  /** Room for every Observation of the record; `add` them in record order. */
  constructor(private readonly observations: Observation[]) {
    this.index = new Int32Array(observations.length);
    this.migraine = new Uint8Array(observations.length);
  }

  /**
   * Adds `observations[i]` as the next entry and returns its number; `migraine`: migraine-coded (a migraine day is
   * also a headache day).
   */
  add(i: number, migraine: boolean): number {
    this.index[this.count] = i;
    this.migraine[this.count] = migraine ? 1 : 0;
    return this.count++;
  }

  observation(entry: number): Observation {
    return this.observations[this.index[entry]!]!;
  }

  isMigraine(entry: number): boolean {
    return this.migraine[entry] === 1;
  }
}
