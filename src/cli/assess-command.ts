import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Resource } from '@medplum/fhirtypes';
import { ASSESSMENT_EXTENSION } from '../cds/card-log-summary.ts';
import { candidacyCard } from '../cds/cards/candidacy-card.ts';
import { assessCandidacy } from '../engine/assess-candidacy.ts';
import { dateInZone } from '../engine/dates.ts';
import { loadPolicy } from '../engine/policy/load-policy.ts';
import { buildScreenedRecord } from '../engine/screened-record.ts';

/** The resources of a Bundle file, a JSON array of resources, or a single resource. */
export function resourcesOf(json: unknown): Resource[] {
  if (Array.isArray(json))
    return json.filter((r): r is Resource => !!r && typeof r === 'object' && 'resourceType' in r);
  const r = json as { resourceType?: string; entry?: { resource?: Resource }[] };
  if (r?.resourceType === 'Bundle') return (r.entry ?? []).map((e) => e.resource).filter((x): x is Resource => !!x);
  if (r?.resourceType) return [r as Resource];
  throw new Error('expected a FHIR Bundle, a resource, or an array of resources');
}

/** `migraine-cds assess <file>`: the assessment and the card for one patient of an exported Bundle. */
export async function runAssess(argv: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      patient: { type: 'string' },
      date: { type: 'string' },
      policy: { type: 'string', default: 'default' },
      tz: { type: 'string', default: 'UTC' },
      json: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file) {
    out('migraine-cds assess: a Bundle file is required\n');
    return 2;
  }
  let resources: Resource[];
  try {
    resources = resourcesOf(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    out(`migraine-cds assess: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const patients = resources.filter((r) => r.resourceType === 'Patient');
  const patientId = values.patient ?? patients[0]?.id;
  if (!patientId) {
    out('migraine-cds assess: no Patient in the file; pass --patient <id>\n');
    return 2;
  }
  if (!values.patient && patients.length > 1) {
    out(
      `migraine-cds assess: ${patients.length} patients in the file; assessing ${patientId} (choose with --patient)\n`,
    );
  }
  if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
    out('migraine-cds assess: --date must be YYYY-MM-DD\n');
    return 2;
  }
  const policy = loadPolicy(values.policy);
  const evaluationDate = values.date ?? dateInZone(new Date(), values.tz);
  const { record, patientUnreadable } = buildScreenedRecord(resources, { patientId });
  if (patientUnreadable) {
    out(`migraine-cds assess: Patient/${patientId} is not valid FHIR R4: ${patientUnreadable} has the wrong type\n`);
    return 2;
  }
  const assessment = assessCandidacy(record, policy, { evaluationDate, siteTimeZone: values.tz });
  if (!assessment.inScope) {
    out(
      values.json
        ? `${JSON.stringify({ inScope: false }, null, 2)}\n`
        : 'Out of scope: no migraine diagnosis, recent diary or Botox cycle. The service returns no card.\n',
    );
    return 0;
  }
  const card = candidacyCard(assessment, policy, { patientId });
  if (values.json) {
    // docs/assessment-extension.md: `assessment` is the card's extension value, the same shape programs read.
    out(`${JSON.stringify({ inScope: true, assessment: card.extension?.[ASSESSMENT_EXTENSION], card }, null, 2)}\n`);
    return 0;
  }
  out(`${card.indicator.toUpperCase()}: ${card.summary}\n\n${card.detail ?? ''}\n`);
  return 0;
}
