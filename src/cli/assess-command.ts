import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Resource } from '@medplum/fhirtypes';
import { ASSESSMENT_EXTENSION } from '../cds/card-log-summary.ts';
import { candidacyCard } from '../cds/cards/candidacy-card.ts';
import { assessCandidacy } from '../engine/assess-candidacy.ts';
import type { Assessment } from '../engine/assessment.ts';
import { dateInZone } from '../engine/dates.ts';
import { loadPolicy, POLICY_IDS } from '../engine/policy/load-policy.ts';
import type { Policy } from '../engine/policy/policy-schema.ts';
import { buildScreenedRecord } from '../engine/screened-record.ts';
import { buildPriorAuthSummary } from '../prior-auth/prior-auth-summary.ts';
import { summaryText } from '../prior-auth/render-summary.ts';
import { USAGE } from './usage.ts';

/** The resources of a Bundle file, a JSON array of resources, or a single resource. */
export function resourcesOf(json: unknown): Resource[] {
  if (Array.isArray(json))
    return json.filter((r): r is Resource => !!r && typeof r === 'object' && 'resourceType' in r);
  const r = json as { resourceType?: string; entry?: { resource?: Resource }[] };
  if (r?.resourceType === 'Bundle') return (r.entry ?? []).map((e) => e.resource).filter((x): x is Resource => !!x);
  if (r?.resourceType) return [r as Resource];
  throw new Error('expected a FHIR Bundle, a resource, or an array of resources');
}

/**
 * `--prior-auth`: the prior-authorization summary as text, as the card offers it (src/prior-auth), with blank lines for
 * name, date of birth and member id like the printable page. Exit 1 when the assessment offers none.
 */
function printPriorAuth(assessment: Assessment, policy: Policy, json: boolean, out: (s: string) => void): number {
  const summary = buildPriorAuthSummary(assessment, policy, new Date().toISOString());
  if (!summary) {
    const why =
      assessment.status === 'contraindicated'
        ? 'a contraindication is recorded'
        : 'a label or ICHD-3 criterion is not met';
    out(
      json
        ? `${JSON.stringify({ status: assessment.status, priorAuthorization: null }, null, 2)}\n`
        : `No prior-authorization summary: status ${assessment.status} (${why}).\n`,
    );
    return 1;
  }
  out(
    json
      ? `${JSON.stringify({ status: assessment.status, priorAuthorization: summary }, null, 2)}\n`
      : summaryText(summary),
  );
  return 0;
}

function parseAssessArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      patient: { type: 'string' },
      date: { type: 'string' },
      policy: { type: 'string', default: 'default' },
      tz: { type: 'string', default: 'UTC' },
      json: { type: 'boolean', default: false },
      'prior-auth': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** YYYY-MM-DD naming a day that exists (not 2026-13-45, not 2026-02-30). */
function isCalendarDate(date: string): boolean {
  const at = Date.parse(`${date}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === date;
}

/** `migraine-cds assess <file>`: the assessment and the card for one patient of an exported Bundle. */
export async function runAssess(argv: string[], out: (s: string) => void): Promise<number> {
  // Every mistake on the command line is one line and exit code 2 (usage error), never a stack trace.
  const usageError = (message: string) => {
    out(`migraine-cds assess: ${message} (see migraine-cds assess --help)\n`);
    return 2;
  };
  let parsed: ReturnType<typeof parseAssessArgs>;
  try {
    parsed = parseAssessArgs(argv);
  } catch (error) {
    // node:util's first sentence names the option ("Unknown option '--foo'"); the rest is advice about '--'.
    return usageError((error instanceof Error ? error.message : String(error)).split(/\.\s|\n/)[0] ?? '');
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (!POLICY_IDS.includes(values.policy)) {
    return usageError(`unknown --policy "${values.policy}" (known: ${POLICY_IDS.join(', ')})`);
  }
  if (!isTimeZone(values.tz)) return usageError(`--tz "${values.tz}" is not an IANA time zone`);
  if (values.date !== undefined && !isCalendarDate(values.date)) {
    return usageError('--date must be a calendar date, YYYY-MM-DD');
  }
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
  if (values.patient !== undefined && !patients.some((p) => p.id === values.patient)) {
    out(`migraine-cds assess: no Patient ${values.patient} in the bundle\n`);
    return 2;
  }
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
  if (values['prior-auth']) return printPriorAuth(assessment, policy, values.json, out);
  const card = candidacyCard(assessment, policy, { patientId });
  if (values.json) {
    // docs/assessment-extension.md: `assessment` is the card's extension value, the same shape programs read.
    out(`${JSON.stringify({ inScope: true, assessment: card.extension?.[ASSESSMENT_EXTENSION], card }, null, 2)}\n`);
    return 0;
  }
  out(`${card.indicator.toUpperCase()}: ${card.summary}\n\n${card.detail ?? ''}\n`);
  return 0;
}
