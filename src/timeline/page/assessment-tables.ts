import { label } from '../../cds/cards/card-texts.ts';
import type { TimelineSnapshot } from '../timeline-snapshot.ts';
import { evidenceList } from './evidence-list.ts';
import { html, type SafeHtml } from './html.ts';
import { timelineText } from './timeline-texts.ts';

const STATUS_MARK: Record<string, string> = { met: '✓', unmet: '✕', unknown: '?' };

/** The status column folds into the first cell on a narrow panel (CSS shows one of the two badges). */
function statusBadge(status: string, extra = ''): SafeHtml {
  return html`<span class="badge badge-${status} ${extra}">${STATUS_MARK[status] ?? ''} ${timelineText('criterionStatuses', status)}</span>`;
}

/** The criteria: what each requires (with its basis), whether it is met, what was found, and what is missing. */
export function criteriaTable(s: TimelineSnapshot): SafeHtml {
  const rows = s.assessment.criteria.map(
    (c) => html`<tr>
<th scope="row">${label('criteria', c.id, s.parameters)}<div class="basis">${c.basis.map((b) => label('basis', b)).join(', ')}</div>${statusBadge(c.status, 'status-inline')}</th>
<td class="col-status">${statusBadge(c.status)}</td>
<td>${c.summary}${
      c.missing?.length
        ? html`<ul class="missing" aria-label="To document">${c.missing.map((m) => html`<li>${m}</li>`)}</ul>`
        : ''
    }${evidenceList(c.evidence)}</td>
</tr>`,
  );
  return html`<div class="table-wrap"><table id="criteria-table">
<caption>Criteria under the ${s.assessment.policy.title} policy</caption>
<thead><tr><th scope="col">Criterion</th><th scope="col" class="col-status">Status</th><th scope="col">Found (and what is missing)</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

/** Contraindications and cautions, each with its evidence; a plain sentence when there is none. */
export function findingsTable(s: TimelineSnapshot): SafeHtml {
  const findings = s.assessment.findings;
  if (!findings.length) return html`<p>No contraindication or caution found in the record.</p>`;
  const rows = findings.map(
    (f) => html`<tr>
<th scope="row">${label('findings', f.id)}</th>
<td><span class="badge badge-${f.severity}">${f.severity === 'contraindication' ? '⛔' : '⚠'} ${timelineText('severities', f.severity)}</span>${f.blocking ? html`<div class="basis">blocking under this policy</div>` : ''}</td>
<td>${f.summary}${evidenceList(f.evidence)}</td>
</tr>`,
  );
  return html`<div class="table-wrap"><table id="findings-table">
<caption>Findings</caption>
<thead><tr><th scope="col">Finding</th><th scope="col">Severity</th><th scope="col">Found</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

/** Data the service saw but could not use, or could not obtain. */
export function notesList(s: TimelineSnapshot): SafeHtml {
  if (!s.assessment.notes.length) return html`<p>None.</p>`;
  return html`<ul>${s.assessment.notes.map(
    (n) => html`<li><strong>${timelineText('noteKinds', n.kind)}:</strong> ${n.text}${evidenceList(n.evidence)}</li>`,
  )}</ul>`;
}
