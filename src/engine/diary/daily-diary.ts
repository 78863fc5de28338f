import type { DayNumber } from '../dates.ts';
import { refOf } from '../fhir/reference.ts';
import type { DailyEntries } from './daily-entries.ts';
import { durationComponentHours, timedPeriod } from './diary-entry.ts';

/** What the daily entries say about one calendar date. */
export interface DiaryDay {
  /** At least one headache entry (a migraine entry is also one). A headache entry wins over a headache-free one. */
  headache: boolean;
  migraine: boolean;
  /** Refs of the headache entries on this date. */
  refs: string[];
  /** Largest `headache-duration` component on this date, in hours. */
  componentHours?: number;
  /** Timed entry periods touching this date, [startMs, endMs]. */
  intervals: [number, number][];
}

const RECORDED = 1;
const HEADACHE = 2;
const MIGRAINE = 4;
/** A migraine-coded entry of any kind (a migraine-free day record included): the diary types migraines. */
const MIGRAINE_CODED = 8;
/** A headache-free entry on this date (a headache entry on the same date still makes it a headache day). */
const FREE = 16;

/**
 * All daily entries together as one diary (clinical-rules 2.1: "all daily sources together form one diary"), kept
 * flat: one byte of flags per date from the first entry to the last, and the headache entries of each date (the first
 * in a typed array, any further ones in a map). Refs, durations and periods are read from an entry only when a rule
 * asks about one of its dates, which is the last 90 days and the baseline, not the years before.
 */
export class DailyDiary {
  /**
   * First and last date with an entry of any kind (headache-free entries included), up to E (an entry dated after E
   * makes E the last); undefined when no entry.
   */
  readonly first: DayNumber | undefined;
  readonly last: DayNumber | undefined;
  private readonly flags: Uint8Array;
  /** Per date: 1 + the number in `entries` of its first headache entry; 0 when none. */
  private readonly firstEntry: Int32Array;
  /** Per date offset: its further headache entries, in reading order. */
  private readonly moreEntries = new Map<number, number[]>();
  /** Refs of the entries by entry number, read on first use; null: the entry has no citable id. */
  private refs: (string | null | undefined)[] | undefined;
  /**
   * The ids of the entries whose refs were read, to tell whether two entries may cite the same ref (a record with an
   * id twice). Ids, not refs: an id is a shorter string than its ref and already flat, so cheaper to hash; an id
   * shared by entries of two resource types is taken as shared too, which only costs a needless look for repeats.
   */
  private readonly idsRead = new Set<string>();
  private sharedRef = false;
  /** Some headache entry marks more than one date. */
  private multiDateEntry = false;

  /** A diary of `entries` over [first, last]; both undefined for a diary without entries. */
  constructor(
    private readonly entries?: DailyEntries,
    first?: DayNumber,
    last?: DayNumber,
  ) {
    this.first = first;
    this.last = last;
    const span = first === undefined || last === undefined ? 0 : last - first + 1;
    this.flags = new Uint8Array(span);
    this.firstEntry = new Int32Array(span);
  }

  /**
   * Entry number `entry` of `entries`, a headache-free entry, on [from, to]: the dates are recorded, and a
   * migraine-coded one marks them migraine-coded (clinical-rules 2.1 and 3 ask for "a migraine-coded entry in
   * W1-W3", of any value), adding no headache or migraine day.
   */
  addHeadacheFree(entry: number, from: DayNumber, to: DayNumber): void {
    const mark = RECORDED | FREE | (this.entries!.isMigraine(entry) ? MIGRAINE_CODED : 0);
    const base = this.first ?? 0;
    for (let i = from - base; i <= to - base; i++) this.flags[i] = this.flags[i]! | mark;
  }

  /** Entry number `entry` of `entries`, a headache entry, on [from, to], both within [first, last]. */
  addHeadache(entry: number, from: DayNumber, to: DayNumber): void {
    if (to > from) this.multiDateEntry = true;
    const mark = RECORDED | HEADACHE | (this.entries!.isMigraine(entry) ? MIGRAINE | MIGRAINE_CODED : 0);
    const base = this.first ?? 0;
    for (let i = from - base; i <= to - base; i++) {
      this.flags[i] = this.flags[i]! | mark;
      if (this.firstEntry[i] === 0) this.firstEntry[i] = entry + 1;
      else {
        const more = this.moreEntries.get(i);
        if (more) more.push(entry);
        else this.moreEntries.set(i, [entry]);
      }
    }
  }

  /** At least one headache entry on `day`. */
  isHeadache(day: DayNumber): boolean {
    return (this.flagsOf(day) & HEADACHE) !== 0;
  }

  /** At least one migraine entry on `day`. */
  isMigraine(day: DayNumber): boolean {
    return (this.flagsOf(day) & MIGRAINE) !== 0;
  }

  /** Some migraine-coded entry, headache or headache-free, on a date of [from, to]. */
  hasMigraineCodedEntry(from: DayNumber, to: DayNumber): boolean {
    return this.anyFlag(from, to, MIGRAINE_CODED);
  }

  /** Some headache-free entry on a date of [from, to] (clinical-rules 2.1, "records headache-free days"). */
  hasHeadacheFreeEntry(from: DayNumber, to: DayNumber): boolean {
    return this.anyFlag(from, to, FREE);
  }

  /** How many dates of [from, to] carry an entry of any kind: the logged days (clinical-rules 2.1, 3.0). */
  loggedDays(from: DayNumber, to: DayNumber): number {
    const flags = this.flags;
    const base = this.first ?? 0;
    const end = Math.min(to - base, flags.length - 1);
    let n = 0;
    for (let i = Math.max(from - base, 0); i <= end; i++) if (flags[i]! & RECORDED) n++;
    return n;
  }

  /** The latest date on or before `day` with an entry of any kind (L0 of a baseline, clinical-rules 11.12). */
  lastOnOrBefore(day: DayNumber): DayNumber | undefined {
    const base = this.first ?? 0;
    for (let i = Math.min(day - base, this.flags.length - 1); i >= 0; i--)
      if (this.flags[i]! & RECORDED) return base + i;
    return undefined;
  }

  private anyFlag(from: DayNumber, to: DayNumber, flag: number): boolean {
    const flags = this.flags;
    const base = this.first ?? 0;
    const end = Math.min(to - base, flags.length - 1);
    for (let i = Math.max(from - base, 0); i <= end; i++) if (flags[i]! & flag) return true;
    return false;
  }

  /** Adds to `into` how many dates in [from, to] have a headache entry, and how many a migraine entry. */
  addDayCounts(from: DayNumber, to: DayNumber, into: { headacheDays: number; migraineDays: number }): void {
    const flags = this.flags;
    const base = this.first ?? 0;
    const end = Math.min(to - base, flags.length - 1);
    let headache = 0;
    let migraine = 0;
    for (let i = Math.max(from - base, 0); i <= end; i++) {
      const f = flags[i]!;
      if (f & HEADACHE) headache++;
      if (f & MIGRAINE) migraine++;
    }
    into.headacheDays += headache;
    into.migraineDays += migraine;
  }

  /**
   * Appends the refs of the headache entries on `day` to `into`, in reading order, without looking for them there:
   * a ref can already be in the list only when `refsMayRepeat()`.
   */
  appendRefs(day: DayNumber, into: string[]): void {
    const i = this.offsetOf(day);
    if (i === -1 || this.firstEntry[i] === 0) return;
    this.appendRef(this.firstEntry[i]! - 1, into);
    const more = this.moreEntries.get(i);
    if (more) for (const entry of more) this.appendRef(entry, into);
  }

  /**
   * Whether one ref may be cited on two dates, or twice on one date: some headache entry marks several dates, or two
   * of the entries whose refs were read so far cite the same ref. When false, lists of refs of distinct dates (and
   * of the entries of one date) hold each ref once.
   */
  refsMayRepeat(): boolean {
    return this.multiDateEntry || this.sharedRef;
  }

  /** `refs` (gathered with appendRefs) each once, in order: as they are unless a ref may repeat. */
  citedOnce(refs: string[]): string[] {
    return this.refsMayRepeat() ? [...new Set(refs)] : refs;
  }

  /**
   * What the entries say about `day`; undefined when no entry covers it. `into`, when given, is filled instead of a
   * new view (with lists of its own), for callers that read many days one at a time.
   */
  day(day: DayNumber, into?: DiaryDay): DiaryDay | undefined {
    const i = this.offsetOf(day);
    if (i === -1 || !(this.flags[i]! & RECORDED)) return undefined;
    const out: DiaryDay = into ?? { headache: false, migraine: false, refs: [], intervals: [] };
    out.headache = this.isHeadache(day);
    out.migraine = this.isMigraine(day);
    // New (empty) lists rather than emptied ones: cheaper than setting a length, and the caller reads them afresh.
    if (out.refs.length) out.refs = [];
    if (out.intervals.length) out.intervals = [];
    out.componentHours = undefined;
    if (this.firstEntry[i] === 0) return out;
    this.addToDay(this.firstEntry[i]! - 1, out);
    for (const entry of this.moreEntries.get(i) ?? []) this.addToDay(entry, out);
    return out;
  }

  private appendRef(entry: number, into: string[]): void {
    const ref = this.refAt(entry);
    if (ref) into.push(ref);
  }

  private addToDay(entry: number, day: DiaryDay): void {
    const obs = this.entries!.observation(entry);
    const ref = this.refAt(entry);
    if (ref && !day.refs.includes(ref)) day.refs.push(ref);
    const hours = durationComponentHours(obs);
    if (hours !== undefined) day.componentHours = Math.max(day.componentHours ?? 0, hours);
    const interval = timedPeriod(obs);
    if (interval) day.intervals.push(interval);
  }

  /** The offset of `day` in the flat arrays; -1 outside [first, last]. */
  private offsetOf(day: DayNumber): number {
    const i = day - (this.first ?? 0);
    return i >= 0 && i < this.flags.length ? i : -1;
  }

  private flagsOf(day: DayNumber): number {
    const i = this.offsetOf(day);
    return i === -1 ? 0 : this.flags[i]!;
  }

  private refAt(entry: number): string | undefined {
    this.refs ??= new Array(this.entries!.count);
    let ref = this.refs[entry];
    if (ref === undefined) {
      const obs = this.entries!.observation(entry);
      ref = refOf(obs) ?? null;
      this.refs[entry] = ref;
      if (ref) {
        // A ref is `Type/id` with the id as text (String: an id of another JSON type is cited as its text too).
        const before = this.idsRead.size;
        this.idsRead.add(String(obs.id));
        if (this.idsRead.size === before) this.sharedRef = true;
      }
    }
    return ref ?? undefined;
  }
}
