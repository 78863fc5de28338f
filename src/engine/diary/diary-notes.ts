import type { DataNote, EvidenceRef } from '../types.ts';

/**
 * Collects data notes grouped by kind and reason, so that 40 month-precision entries give one line, not 40.
 * The text never carries values from the record other than dates and counts.
 */
export class DiaryNotes {
  private readonly groups = new Map<
    string,
    { kind: DataNote['kind']; text: string; count: number; evidence: Set<EvidenceRef> }
  >();

  add(kind: DataNote['kind'], text: string, ref?: EvidenceRef): void {
    const key = `${kind}|${text}`;
    let g = this.groups.get(key);
    if (!g) {
      g = { kind, text, count: 0, evidence: new Set() };
      this.groups.set(key, g);
    }
    g.count++;
    if (ref) g.evidence.add(ref);
  }

  /**
   * Adds the notes of `later` as if they had been added here after the notes already here (same grouping, same
   * order): for readers that collect two kinds of notes in one pass over the record.
   */
  append(later: DiaryNotes): void {
    for (const [key, g] of later.groups) {
      const mine = this.groups.get(key);
      if (!mine) this.groups.set(key, { ...g, evidence: new Set(g.evidence) });
      else {
        mine.count += g.count;
        for (const ref of g.evidence) mine.evidence.add(ref);
      }
    }
  }

  list(): DataNote[] {
    return [...this.groups.values()].map((g) => {
      const note: DataNote = { kind: g.kind, text: g.count > 1 ? `${g.text} (${g.count} observations)` : g.text };
      if (g.evidence.size) note.evidence = [...g.evidence];
      return note;
    });
  }
}
