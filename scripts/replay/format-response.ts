/** Reading a CDS Hooks response for people: one block per card, from the card and its assessment extension. */

const ASSESSMENT = 'org.migraine-cds.assessment';

interface AssessmentView {
  status?: string;
  policy?: { id?: string; version?: string };
  criteria?: { id: string; status: string; basis?: string[] }[];
  findings?: { id: string; severity?: string; blocking?: boolean }[];
  treatment?: {
    cycles?: number;
    lastCycle?: string;
    nextEligible?: string;
    due?: boolean;
    overdue?: boolean;
    response?: { verdict?: string; baselineDays?: number; recentDays?: number; reductionPercent?: number };
  };
  previouslyTreated?: { cycles?: number; last?: string };
}

interface CardView {
  summary?: string;
  indicator?: string;
  detail?: string;
  source?: { label?: string };
  suggestions?: {
    label?: string;
    isRecommended?: boolean;
    actions?: {
      type?: string;
      description?: string;
      resourceId?: string;
      resource?: { resourceType?: string; id?: string };
    }[];
  }[];
  links?: { label?: string; url?: string }[];
  extension?: Record<string, unknown>;
}

/** The assessment status of each card (for the replay's summary); undefined for a card without one. */
export function cardStatuses(response: unknown): (string | undefined)[] {
  const cards = (response as { cards?: CardView[] })?.cards ?? [];
  return cards.map((c) => (c.extension?.[ASSESSMENT] as AssessmentView | undefined)?.status);
}

function pad(s: string, n: number) {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function treatmentLine(t: NonNullable<AssessmentView['treatment']>): string {
  const parts = [`${t.cycles ?? '?'} cycle(s), last ${t.lastCycle ?? '?'}, next eligible ${t.nextEligible ?? '?'}`];
  if (t.overdue) parts.push('overdue');
  else if (t.due) parts.push('due');
  const r = t.response;
  if (r?.verdict) {
    const numbers =
      r.baselineDays !== undefined && r.recentDays !== undefined
        ? ` (${r.baselineDays} -> ${r.recentDays} headache days${r.reductionPercent !== undefined ? `, ${Math.round(r.reductionPercent)}% fewer` : ''})`
        : '';
    parts.push(`response ${r.verdict}${numbers}`);
  }
  return parts.join('; ');
}

/** The lines printed for one response: every card with its status, criteria table, findings and suggestions. */
export function formatResponse(response: unknown): string[] {
  const cards = (response as { cards?: CardView[] })?.cards;
  if (!Array.isArray(cards)) return ['  (not a CDS Hooks response: no "cards" array)'];
  if (cards.length === 0) return ['  (no cards)'];
  const lines: string[] = [];
  for (const card of cards) {
    lines.push(`  [${(card.indicator ?? '?').toUpperCase()}] ${card.summary ?? '(no summary)'}`);
    if (card.source?.label) lines.push(`    source: ${card.source.label}`);
    const a = card.extension?.[ASSESSMENT] as AssessmentView | undefined;
    if (a?.status) {
      const policy = a.policy?.id ? `   policy: ${a.policy.id}${a.policy.version ? `@${a.policy.version}` : ''}` : '';
      lines.push(`    status: ${a.status}${policy}`);
    }
    if (a?.criteria?.length) {
      lines.push('    criteria:');
      for (const c of a.criteria) {
        lines.push(`      ${pad(c.id, 22)}${pad(c.status, 9)}${c.basis?.length ? `(${c.basis.join(', ')})` : ''}`);
      }
    }
    if (a?.findings?.length) {
      const items = a.findings.map(
        (f) => `${f.id}${f.severity ? ` (${f.severity}${f.blocking ? ', blocking' : ''})` : ''}`,
      );
      lines.push(`    findings: ${items.join('; ')}`);
    }
    if (a?.treatment) lines.push(`    treatment: ${treatmentLine(a.treatment)}`);
    if (a?.previouslyTreated) {
      lines.push(
        `    previously treated: ${a.previouslyTreated.cycles ?? '?'} cycle(s), last ${a.previouslyTreated.last ?? '?'}`,
      );
    }
    for (const s of card.suggestions ?? []) {
      const actions = (s.actions ?? []).map((x) => {
        const target =
          x.resourceId ??
          (x.resource ? `${x.resource.resourceType ?? '?'}${x.resource.id ? `/${x.resource.id}` : ''}` : '');
        return `${x.type ?? '?'} ${target}`.trim();
      });
      lines.push(
        `    suggestion: ${s.label ?? '?'}${s.isRecommended ? ' (recommended)' : ''}${actions.length ? ` [${actions.join(', ')}]` : ''}`,
      );
    }
    for (const l of card.links ?? []) lines.push(`    link: ${l.label ?? ''} ${l.url ?? ''}`.trimEnd());
  }
  return lines;
}
