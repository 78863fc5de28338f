import type { AdverseEvent, Resource } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { assessCandidacy } from '../../../src/engine/assess-candidacy.ts';
import { buildPatientRecord, type RecordPart } from '../../../src/engine/patient-record.ts';
import { loadPolicy } from '../../../src/engine/policy/load-policy.ts';
import { candidateRecord } from '../../support/candidate-record.ts';
import { administration, HCPCS, request, statement, text } from '../../support/medication-builders.ts';
import { botoxProcedure, condition, daysAgo, E, SNOMED } from '../../support/record-builders.ts';

function assess(resources: Resource[], unavailable: Partial<Record<RecordPart, string>> = {}) {
  const record = buildPatientRecord(resources, { patientId: 'p1', unavailable });
  return assessCandidacy(record, loadPolicy('default'), { evaluationDate: E, siteTimeZone: 'UTC' });
}
const finding = (resources: Resource[], id: string) => assess(resources).findings.find((f) => f.id === id);
const ids = (resources: Resource[]) => assess(resources).findings.map((f) => f.id);

const ORAL = { coding: [{ system: SNOMED, code: '26643006', display: 'Oral route' }] };
const IV = { coding: [{ system: SNOMED, code: '47625008', display: 'Intravenous route' }] };

describe('neuromuscular-disorder whatever its clinicalStatus (clinical-rules 2 exception, 11.8)', () => {
  test.each([
    ['remission', 'recorded as in remission'],
    ['inactive', 'recorded as inactive'],
    ['resolved', 'recorded as resolved'],
    ['active', 'recorded as active'],
  ])('myasthenia gravis %s counts, and the card names the status', (status, words) => {
    const mg = condition(
      { code: 'G70.00', text: 'Myasthenia gravis' },
      { clinicalStatus: status, recorded: daysAgo(900) },
    );
    const f = finding([...candidateRecord(), mg], 'neuromuscular-disorder');
    expect(f?.summary).toContain(`Myasthenia gravis (recorded ${daysAgo(900)}), ${words}`);
    expect(f?.evidence).toEqual([`Condition/${mg.id}`]);
  });

  test('an abatement does not remove it; no clinicalStatus names none', () => {
    const abated = condition({ code: 'G70.00' }, { clinicalStatus: 'absent', abatement: daysAgo(400) });
    const f = finding([...candidateRecord(), abated], 'neuromuscular-disorder');
    expect(f).toBeDefined();
    expect(f?.summary).not.toMatch(/recorded as/);
  });

  test('refuted or entered in error excludes it', () => {
    for (const v of ['refuted', 'entered-in-error']) {
      const mg = condition({ code: 'G70.00' }, { clinicalStatus: 'remission', verificationStatus: v });
      expect(ids([...candidateRecord(), mg])).not.toContain('neuromuscular-disorder');
    }
  });

  test('dysphagia-respiratory keeps the general Condition rule (11.8): resolved dysphagia raises nothing', () => {
    const resolved = condition({ code: 'R13.10' }, { clinicalStatus: 'resolved', recorded: daysAgo(500) });
    expect(ids([...candidateRecord(), resolved])).not.toContain('dysphagia-respiratory');
    const active = condition({ code: 'R13.10' }, { recorded: daysAgo(500) });
    expect(ids([...candidateRecord(), active])).toContain('dysphagia-respiratory');
  });
});

describe('pyridostigmine or neostigmine: a possible neuromuscular disorder (clinical-rules 3, 11.9)', () => {
  const pyridostigmine = (o: Parameters<typeof statement>[1] = {}) =>
    statement('active', {
      id: 'pyr',
      medication: text('Pyridostigmine bromide 60 mg oral tablet'),
      start: daysAgo(200),
      dosage: [{ route: ORAL, text: '60 mg by mouth three times a day' }],
      ...o,
    });

  test('an active oral statement raises the caution with its own wording', () => {
    const f = finding([...candidateRecord(), pyridostigmine()], 'neuromuscular-disorder');
    expect(f?.summary).toMatch(/^Possible neuromuscular disorder: on pyridostigmine \(/);
    expect(f?.evidence).toEqual(['MedicationStatement/pyr']);
  });

  test('a route not stated counts; IV or IM never; a stopped statement does not', () => {
    const noRoute = pyridostigmine({ medication: text('Mestinon'), dosage: [{ text: '60 mg tds' }] });
    expect(ids([...candidateRecord(), noRoute])).toContain('neuromuscular-disorder');
    const iv = pyridostigmine({ medication: text('neostigmine'), dosage: [{ route: IV }] });
    expect(ids([...candidateRecord(), iv])).not.toContain('neuromuscular-disorder');
    const ended = pyridostigmine({ end: daysAgo(10) });
    expect(ids([...candidateRecord(), ended])).not.toContain('neuromuscular-disorder');
  });

  test('a MedicationRequest counts when active and authored <= 90 days before E; an administration does not', () => {
    const order = (ago: number) =>
      request('active', { id: `rq${ago}`, medication: text('pyridostigmine 60 mg tablet'), authoredOn: daysAgo(ago) });
    expect(ids([...candidateRecord(), order(30)])).toContain('neuromuscular-disorder');
    expect(ids([...candidateRecord(), order(120)])).not.toContain('neuromuscular-disorder');
    const given = administration('completed', { medication: text('neostigmine'), dateTime: daysAgo(1), route: ORAL });
    expect(ids([...candidateRecord(), given])).not.toContain('neuromuscular-disorder');
  });

  test('with a neuromuscular diagnosis too: one finding with both as evidence', () => {
    const mg = condition({ code: 'G70.00', text: 'Myasthenia gravis' }, { id: 'mg', clinicalStatus: 'remission' });
    const found = assess([...candidateRecord(), mg, pyridostigmine()]).findings.filter(
      (f) => f.id === 'neuromuscular-disorder',
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.evidence).toEqual(['Condition/mg', 'MedicationStatement/pyr']);
    expect(found[0]?.summary).toMatch(/recorded as in remission; on pyridostigmine/);
  });
});

function adverseEvent(o: Partial<AdverseEvent> & { id: string }): AdverseEvent {
  return { resourceType: 'AdverseEvent', subject: { reference: 'Patient/p1' }, actuality: 'actual', ...o };
}
const PTOSIS = { coding: [{ system: SNOMED, code: '11934000', display: 'Ptosis of eyelid' }], text: 'Left ptosis' };

describe('prior-toxin-adverse-effect from post-injection records (clinical-rules 3, 11.10)', () => {
  const onTreatment = () => [...candidateRecord(), botoxProcedure(-60)];
  const cycle = daysAgo(60);

  test.each([
    [0, true],
    [28, true],
    [29, false],
  ])('a ptosis Condition %i days after the cycle -> %s, whatever its clinicalStatus', (after, raised) => {
    const ptosis = condition(
      { code: 'H02.402', text: 'Ptosis of left eyelid' },
      { id: 'pt', onset: daysAgo(60 - after), clinicalStatus: 'resolved' },
    );
    const f = finding([...onTreatment(), ptosis], 'prior-toxin-adverse-effect');
    if (!raised) return expect(f).toBeUndefined();
    expect(f?.summary).toBe(
      `After the cycle of ${cycle}: Ptosis of left eyelid (${daysAgo(60 - after)}): review dose and sites`,
    );
    expect(f?.evidence).toEqual(['Condition/pt']);
  });

  test('the recorded date places it when the onset does not', () => {
    const c = condition({ code: 'M54.2', text: 'Neck pain' }, { onset: daysAgo(400), recorded: daysAgo(50) });
    expect(finding([...onTreatment(), c], 'prior-toxin-adverse-effect')?.summary).toContain(
      `after the cycle of ${cycle}: Neck pain (${daysAgo(50)})`.replace(/^a/, 'A'),
    );
  });

  test('cycles more than 365 days before E do not count', () => {
    const old = [...candidateRecord(), botoxProcedure(-400)];
    const c = condition({ code: 'H02.402' }, { onset: daysAgo(390) });
    expect(finding([...old, c], 'prior-toxin-adverse-effect')).toBeUndefined();
  });

  test('an Observation in the set after the cycle counts; one before it does not', () => {
    const obs = (id: string, day: string): Resource => ({
      resourceType: 'Observation',
      id,
      status: 'final',
      subject: { reference: 'Patient/p1' },
      code: { coding: [{ system: SNOMED, code: '24982008', display: 'Diplopia' }] },
      effectiveDateTime: day,
    });
    const f = finding(
      [...onTreatment(), obs('after', daysAgo(55)), obs('before', daysAgo(70))],
      'prior-toxin-adverse-effect',
    );
    expect(f?.evidence).toEqual(['Observation/after']);
    expect(f?.summary).toContain(`Diplopia (${daysAgo(55)})`);
  });

  test('an AdverseEvent counts when actual or absent, dated by `date`; a potential one does not', () => {
    const actual = adverseEvent({ id: 'ae1', event: PTOSIS, date: daysAgo(50) });
    const absent = adverseEvent({ id: 'ae2', event: PTOSIS, date: daysAgo(49), actuality: undefined });
    const potential = adverseEvent({ id: 'ae3', event: PTOSIS, date: daysAgo(48), actuality: 'potential' });
    const f = finding([...onTreatment(), actual, absent, potential], 'prior-toxin-adverse-effect');
    expect(f?.evidence).toEqual(['AdverseEvent/ae1', 'AdverseEvent/ae2']);
    expect(f?.summary).toBe(
      `After the cycle of ${cycle}: Left ptosis (${daysAgo(50)}), Left ptosis (${daysAgo(49)}): review dose and sites`,
    );
  });

  test('an AdverseEvent whose suspectEntity is a toxin administration counts whatever its date and code', () => {
    const given = administration('completed', {
      id: 'botox-given',
      medication: HCPCS('J0585'),
      dateTime: daysAgo(700),
      units: 155,
    });
    const ae = adverseEvent({
      id: 'ae-suspect',
      event: { text: 'Eyebrow asymmetry' },
      suspectEntity: [{ instance: { reference: 'MedicationAdministration/botox-given' } }],
    });
    const f = finding([...candidateRecord(), given, ae], 'prior-toxin-adverse-effect');
    expect(f?.evidence).toEqual(['AdverseEvent/ae-suspect']);
    expect(f?.summary).toContain(`After the cycle of ${daysAgo(700)}: Eyebrow asymmetry (date not recorded)`);
  });

  test('other toxin use counts too (BOTOX Cosmetic)', () => {
    const cosmetic = administration('completed', {
      medication: text('BOTOX Cosmetic'),
      dateTime: daysAgo(100),
      units: 20,
    });
    const c = condition({ code: 'H02.401', text: 'Ptosis of right eyelid' }, { onset: daysAgo(90) });
    expect(finding([...candidateRecord(), cosmetic, c], 'prior-toxin-adverse-effect')?.summary).toContain(
      `After BOTOX Cosmetic (onabotulinumtoxinA) on ${daysAgo(100)}: Ptosis of right eyelid (${daysAgo(90)})`,
    );
  });

  test('dysphagia inside those 28 days is this finding, not dysphagia-respiratory', () => {
    const dysphagia = condition({ code: 'R13.10', text: 'Dysphagia' }, { id: 'dys', onset: daysAgo(50) });
    const found = assess([...onTreatment(), dysphagia]).findings;
    expect(found.map((f) => f.id)).toContain('prior-toxin-adverse-effect');
    expect(found.map((f) => f.id)).not.toContain('dysphagia-respiratory');
    const later = condition({ code: 'R13.10', text: 'Dysphagia' }, { onset: daysAgo(10) });
    expect(ids([...onTreatment(), later])).toContain('dysphagia-respiratory');
  });
});

describe('adverse events as a record part', () => {
  test('not obtained: a data note, and the card is not incomplete for it', () => {
    const a = assess(candidateRecord(), { adverseEvents: 'no FHIR server to fetch from' });
    expect(a.status).toBe('candidate');
    expect(a.notes.map((n) => n.text)).toContain(
      'adverse events (post-injection effects) not checked (no FHIR server to fetch from)',
    );
  });

  test("another patient's AdverseEvent is dropped", () => {
    const other = adverseEvent({ id: 'x', event: PTOSIS, date: daysAgo(50), subject: { reference: 'Patient/p2' } });
    expect(buildPatientRecord([other], { patientId: 'p1' }).adverseEvents).toEqual([]);
    expect(buildPatientRecord([adverseEvent({ id: 'y' })], { patientId: 'p1' }).adverseEvents).toHaveLength(1);
  });
});
