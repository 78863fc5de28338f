/**
 * Renders every clinical data file (policies, value sets, drug and toxin catalogues, diary rules) as one Markdown
 * reference, docs/clinical-data.md, so the codes, thresholds and their sources can be read without opening JSON.
 * `npm run docs:data` writes it; test/docs/clinical-data-doc.test.ts fails when it is out of date.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SYSTEMS: Record<string, string> = {
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD-10-CM',
  'http://snomed.info/sct': 'SNOMED CT',
  'http://loinc.org': 'LOINC',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
  'http://www.ama-assn.org/go/cpt': 'CPT',
  'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets': 'HCPCS',
  'http://hl7.org/fhir/sid/ndc': 'NDC',
  'http://migraine-cds.org/fhir/CodeSystem/headache-diary': 'headache-diary',
  'http://migraine-cds.org/fhir/CodeSystem/preventive-outcome': 'preventive-outcome',
};

function systemName(system: Json | undefined): string {
  return typeof system === 'string' ? (SYSTEMS[system] ?? system) : '';
}

function readJson(path: string): JsonObject {
  return JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
    )
    .sort();
}

/** Table cells: one line, pipes escaped. */
function cell(value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  const text =
    typeof value === 'string' ? value : Array.isArray(value) ? value.map(cell).join(', ') : JSON.stringify(value);
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function sources(doc: JsonObject): string {
  const source = doc.source;
  const list = Array.isArray(source) ? source : source === undefined ? [] : [source];
  return list.length === 0 ? '' : `Source: ${list.map((s) => cell(s)).join('; ')}.`;
}

function verifyMark(value: Json | undefined): string {
  return value === true ? 'verify' : '';
}

function code(entry: JsonObject): string {
  const suffix = entry.match === 'prefix' ? '*' : '';
  return `${systemName(entry.system)} \`${cell(entry.code)}${suffix}\``;
}

function renderPolicies(lines: string[]): void {
  const dir = join(ROOT, 'src/policies');
  const policies = jsonFiles(dir).map(readJson);
  lines.push('## Policies', '');
  lines.push('Every threshold the engine applies, per shipped policy (`CDS_POLICY`). `src/policies/*.json`.', '');
  for (const p of policies) {
    lines.push(`- **\`${cell(p.id)}\`** ${cell(p.version)}, "${cell(p.title)}": ${cell(p.description)} ${sources(p)}`);
  }
  lines.push('');
  const names = [...new Set(policies.flatMap((p) => Object.keys((p.parameters ?? {}) as JsonObject)))];
  lines.push(`| parameter | ${policies.map((p) => `\`${cell(p.id)}\``).join(' | ')} |`);
  lines.push(`|---|${policies.map(() => '---').join('|')}|`);
  for (const name of names) {
    const values = policies.map((p) => cell(((p.parameters ?? {}) as JsonObject)[name] ?? '-') || '[]');
    lines.push(`| \`${name}\` | ${values.join(' | ')} |`);
  }
  lines.push('');
  for (const p of policies) {
    for (const v of (p.verify ?? []) as JsonObject[]) {
      lines.push(`- \`${cell(p.id)}\`: \`${cell(v.parameter)}\` awaits confirmation (${cell(v.source)}).`);
    }
  }
  lines.push('');
}

function renderValueSets(lines: string[]): void {
  const files = jsonFiles(join(ROOT, 'src/terminology/value-sets'));
  lines.push('## Value sets', '');
  lines.push(
    'A code ending in `*` matches every code that starts with it. Text patterns are case-insensitive regular',
    'expressions tried on `text` and displays when no code matched. `src/terminology/value-sets/`.',
    '',
  );
  for (const file of files) {
    const vs = readJson(file);
    lines.push(`### \`${cell(vs.id)}\`: ${cell(vs.title)}${vs.verify === true ? ' (verify)' : ''}`, '');
    lines.push(sources(vs), '');
    const include = (vs.include ?? []) as JsonObject[];
    if (include.length > 0) {
      lines.push('| code | display | |', '|---|---|---|');
      for (const entry of include)
        lines.push(`| ${code(entry)} | ${cell(entry.display)} | ${verifyMark(entry.verify)} |`);
      lines.push('');
    }
    const text = (vs.text ?? []) as JsonObject[];
    if (text.length > 0)
      lines.push(`Text: ${text.map((t) => `\`${cell(t.pattern)}\`${t.verify ? ' (verify)' : ''}`).join(', ')}.`, '');
    const exclude = (vs.excludeText ?? []) as Json[];
    if (exclude.length > 0)
      lines.push(`Never when the text says: ${exclude.map((t) => `\`${cell(t)}\``).join(', ')}.`, '');
    const decides = (vs.decidesDiagnosesCodedIn ?? []) as Json[];
    if (decides.length > 0)
      lines.push(`A diagnosis coded in ${decides.map(systemName).join(', ')} is decided by its code alone.`, '');
  }
}

function renderDrugCatalog(lines: string[], file: string): void {
  const doc = readJson(file);
  lines.push(`### ${cell(doc.title)}`, '', sources(doc), '');
  const classes = (doc.classes ?? []) as JsonObject[];
  if (classes.length > 0)
    lines.push(`Classes: ${classes.map((c) => `\`${cell(c.id)}\` (${cell(c.role)})`).join(', ')}.`, '');
  lines.push('| ingredient | class | codes | names and brands | notes |', '|---|---|---|---|---|');
  for (const ing of (doc.ingredients ?? []) as JsonObject[]) {
    const codes = [...((ing.codes ?? []) as JsonObject[]), ...((ing.productCodes ?? []) as JsonObject[])]
      .map((c) => `${code(c)}${c.verify ? ' (verify)' : ''}`)
      .join(', ');
    const names = [...((ing.names ?? []) as Json[]), ...((ing.brands ?? []) as Json[])].map(cell).join(', ');
    const notes = Object.entries(ing)
      .filter(
        ([k]) =>
          !['id', 'name', 'class', 'role', 'codes', 'productCodes', 'names', 'brands', 'source', 'verify'].includes(k),
      )
      .map(([k, v]) => `${k}: ${cell(v)}`)
      .join('; ');
    lines.push(
      `| ${cell(ing.name)}${ing.verify ? ' (verify)' : ''} | ${cell(ing.class)} (${cell(ing.role)}) | ${codes} | ${names} | ${notes} |`,
    );
  }
  lines.push('');
}

/** Any other data file: its title and sources, then its entries as a list of key: value lines. */
function renderGeneric(lines: string[], file: string, title: string): void {
  const doc = readJson(file);
  lines.push(`### ${cell((doc.title as Json) ?? title)}`, '', sources(doc), '');
  const list = Object.entries(doc).find(
    ([k, v]) => Array.isArray(v) && k !== 'source' && (v as Json[]).every((x) => typeof x === 'object'),
  );
  if (list) {
    for (const entry of list[1] as JsonObject[]) {
      const name = entry.id ?? entry.product ?? entry.pattern ?? entry.code ?? '';
      const rest = Object.entries(entry)
        .filter(([k]) => k !== 'id' && k !== 'source')
        .map(([k, v]) => `${k}: ${cell(v)}`)
        .join('; ');
      lines.push(`- \`${cell(name)}\`: ${rest}${entry.source ? ` (source: ${cell(entry.source)})` : ''}`);
    }
    lines.push('');
  }
  const scalars = Object.entries(doc).filter(
    ([k, v]) => k !== 'source' && k !== 'title' && k !== list?.[0] && !Array.isArray(v),
  );
  for (const [k, v] of scalars) lines.push(`- \`${k}\`: ${cell(v)}`);
  if (scalars.length > 0) lines.push('');
}

export function renderClinicalDataDoc(): string {
  const lines: string[] = [
    '# Clinical data: codes, thresholds and their sources',
    '',
    '<!-- Generated by `npm run docs:data` from the data files under src/. Do not edit by hand. -->',
    '',
    'The rules that use these are in [clinical-rules.md](clinical-rules.md). Entries marked *verify* come from',
    'secondary sources or memory: the engine uses them, and they stay flagged until a reviewer confirms them.',
    '',
  ];
  renderPolicies(lines);
  lines.push('## Diary rules', '');
  renderGeneric(
    lines,
    join(ROOT, 'src/engine/diary/diary-rules.json'),
    'Diary windows, summaries, overuse and response thresholds',
  );
  renderValueSets(lines);
  lines.push('## Medications and toxin products', '');
  for (const file of jsonFiles(join(ROOT, 'src/terminology')).filter((f) => !f.includes('/value-sets/'))) {
    const doc = readJson(file);
    if (Array.isArray(doc.ingredients)) renderDrugCatalog(lines, file);
    else renderGeneric(lines, file, relative(ROOT, file));
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
