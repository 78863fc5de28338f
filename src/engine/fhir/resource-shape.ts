import type { Resource } from '@medplum/fhirtypes';
import { type ZodType, z } from 'zod';
import type { DataNote } from '../types.ts';
import {
  codeableConceptShape,
  concepts,
  dosageShape,
  periodShape,
  presentShape,
  quantityShape,
  referenceShape,
  references,
} from './datatype-shapes.ts';
import { compileShape, type ShapeCheck } from './shape-checker.ts';

const cc = codeableConceptShape.optional();
const str = z.string().optional();

/** What every resource the engine files carries: id, meta, the patient link, status, contained resources. */
const common = {
  id: str,
  meta: z.object({ lastUpdated: str }).optional(),
  subject: referenceShape.optional(),
  patient: referenceShape.optional(),
  status: str,
  contained: z.array(z.object({ resourceType: str })).optional(),
};

const medicationX = {
  medicationCodeableConcept: cc,
  medicationReference: referenceShape.optional(),
  reasonCode: concepts,
  reasonReference: references,
};

const medicationShape = z.object({
  ...common,
  code: cc,
  form: cc,
  ingredient: z.array(z.object({ itemCodeableConcept: cc, itemReference: referenceShape.optional() })).optional(),
});

const observationValues = {
  code: cc,
  valueInteger: z.number().optional(),
  valueQuantity: quantityShape.optional(),
  dataAbsentReason: cc,
};

/**
 * The fields the engine reads, per resource type (from reading src/engine/**). Checked with the compiled walker of
 * src/engine/fhir/shape-checker.ts; `safeParse` gives the same verdict.
 */
export const RESOURCE_SHAPES: Record<string, ZodType> = {
  Patient: z.object({ ...common, birthDate: str }),
  Condition: z.object({
    ...common,
    code: cc,
    clinicalStatus: cc,
    verificationStatus: cc,
    category: concepts,
    onsetDateTime: str,
    onsetPeriod: periodShape.optional(),
    recordedDate: str,
    abatementDateTime: str,
    abatementString: str,
    abatementPeriod: periodShape.optional(),
    abatementAge: presentShape.optional(),
    abatementRange: presentShape.optional(),
  }),
  Observation: z.object({
    ...common,
    ...observationValues,
    category: concepts,
    effectiveDateTime: str,
    effectiveInstant: str,
    effectivePeriod: periodShape.optional(),
    issued: str,
    valueBoolean: z.boolean().optional(),
    valueCodeableConcept: cc,
    component: z.array(z.object(observationValues)).optional(),
  }),
  MedicationStatement: z.object({
    ...common,
    ...medicationX,
    effectiveDateTime: str,
    effectivePeriod: periodShape.optional(),
    dateAsserted: str,
    statusReason: concepts,
    dosage: z.array(dosageShape).optional(),
  }),
  MedicationRequest: z.object({
    ...common,
    ...medicationX,
    authoredOn: str,
    statusReason: cc,
    dosageInstruction: z.array(dosageShape).optional(),
    dispenseRequest: z
      .looseObject({ numberOfRepeatsAllowed: z.number().optional(), expectedSupplyDuration: quantityShape.optional() })
      .optional(),
  }),
  MedicationAdministration: z.object({
    ...common,
    ...medicationX,
    effectiveDateTime: str,
    effectivePeriod: periodShape.optional(),
    dosage: z.object({ text: str, route: cc, dose: quantityShape.optional(), site: cc, method: cc }).optional(),
  }),
  Procedure: z.object({
    ...common,
    code: cc,
    performedDateTime: str,
    performedPeriod: periodShape.optional(),
    reasonCode: concepts,
    reasonReference: references,
  }),
  AllergyIntolerance: z.object({
    ...common,
    code: cc,
    type: str,
    clinicalStatus: cc,
    verificationStatus: cc,
    reaction: z.array(z.object({ substance: cc, manifestation: concepts })).optional(),
  }),
  Medication: medicationShape,
};

const CHECKS = new Map(Object.entries(RESOURCE_SHAPES).map(([type, shape]) => [type, compileShape(shape)]));
const checkMedication = compileShape(medicationShape);

/** The path of the first field of the wrong type (`component[0].code.coding[1].system`), or undefined if readable. */
export function unreadablePath(resource: Resource): string | undefined {
  return unreadableBy(CHECKS.get(resource.resourceType), resource);
}

/** unreadablePath with the check of the resource's type already looked up (undefined: a type the engine does not read). */
function unreadableBy(check: ShapeCheck | undefined, resource: Resource): string | undefined {
  if (!check) return undefined;
  const bad = check(resource);
  if (bad) return pathText(bad);
  // A contained Medication stands in for medication[x]: it is read like an included one.
  const contained = (resource as { contained?: { resourceType?: string }[] }).contained;
  if (!contained) return undefined;
  for (let i = 0; i < contained.length; i++) {
    const c = contained[i]!;
    if (c.resourceType !== 'Medication') continue;
    const inner = checkMedication(c);
    if (inner) return pathText(['contained', i, ...inner]);
  }
  return undefined;
}

/** A resource set aside, the path of its first wrong field, and the `unused` note that says so. */
export interface RejectedResource {
  resource: Resource;
  path: string;
  note: DataNote;
}

/** The resources the engine can read, and those set aside. */
export interface ScreenedResources {
  /** The resources screened, in their order, less those set aside: the very array screened when none was. */
  usable: Resource[];
  rejected: RejectedResource[];
}

/**
 * Sets aside the resources with a field the engine reads holding the wrong JSON type (not valid FHIR R4), so that one
 * malformed resource costs only itself, not the whole card. The note names the resource and the path, never the value.
 * Resources of types the engine does not read, and non-objects, pass through untouched (the record drops them).
 *
 * @example screenResources([{ resourceType: 'Observation', id: 'o1', code: 'x' }]).rejected[0].note.text
 * // 'Observation/o1 not used: code is not valid FHIR R4'
 */
export function screenResources(resources: Resource[]): ScreenedResources {
  const rejected: RejectedResource[] = [];
  // Copied only from the first resource set aside: usually none is.
  let usable: Resource[] | undefined;
  // Resources come in runs of one type: the check of the last type is kept at hand.
  let lastType: string | undefined;
  let check: ShapeCheck | undefined;
  for (let i = 0; i < resources.length; i++) {
    const resource = resources[i]!;
    const type = resource && typeof resource === 'object' ? resource.resourceType : undefined;
    if (typeof type === 'string' && type !== lastType) {
      lastType = type;
      check = CHECKS.get(type);
    }
    const path = typeof type === 'string' ? unreadableBy(check, resource) : undefined;
    if (path === undefined) {
      usable?.push(resource);
      continue;
    }
    usable ??= resources.slice(0, i);
    const ref = typeof resource.id === 'string' ? `${resource.resourceType}/${resource.id}` : undefined;
    const text = `${ref ?? `${resource.resourceType} without a usable id`} not used: ${path} is not valid FHIR R4`;
    rejected.push({ resource, path, note: { kind: 'unused', text, ...(ref ? { evidence: [ref] } : {}) } });
  }
  return { usable: usable ?? resources, rejected };
}

function pathText(path: PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `${s ? '.' : ''}${String(p)}`;
  return s || 'the resource';
}
