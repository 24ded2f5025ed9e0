import type { CreatePaperInput, PaperDto, PaperRefDto, UpdatePaperInput } from '@ratsinfo/contracts';

/** The paper editor's fields as the clerk edits them. */
export interface PaperFormValue {
  paperTypeId: string;
  name: string;
  /** `YYYY-MM-DD`. */
  date: string;
  public: boolean;
  responsibleDepartment: string;
  originatorPersonIds: readonly string[];
  originatorOrganizationIds: readonly string[];
  relatedPapers: readonly PaperRefDto[];
  superordinatePaper: PaperRefDto | null;
}

export type PaperField =
  | 'paperTypeId'
  | 'name'
  | 'date'
  | 'public'
  | 'responsibleDepartment'
  | 'originatorPersonIds'
  | 'originatorOrganizationIds'
  | 'relatedPaperIds'
  | 'superordinatePaperId';

/** Input id and message key per field, in the order of the form (and of the error summary). */
export const PAPER_FIELDS: Readonly<Record<PaperField, { id: string; errorKey: string }>> = {
  /**
   * t(papers.fields.errors.paperTypeId, papers.fields.errors.name, papers.fields.errors.date, papers.fields.errors.public,
   *   papers.fields.errors.responsibleDepartment, papers.fields.errors.originatorPersonIds,
   *   papers.fields.errors.originatorOrganizationIds, papers.fields.errors.relatedPaperIds, papers.fields.errors.superordinatePaperId)
   */
  paperTypeId: { id: 'paper-type', errorKey: 'papers.fields.errors.paperTypeId' },
  name: { id: 'paper-name', errorKey: 'papers.fields.errors.name' },
  date: { id: 'paper-date', errorKey: 'papers.fields.errors.date' },
  public: { id: 'paper-public-true', errorKey: 'papers.fields.errors.public' },
  responsibleDepartment: { id: 'paper-department', errorKey: 'papers.fields.errors.responsibleDepartment' },
  originatorPersonIds: { id: 'paper-originator-persons', errorKey: 'papers.fields.errors.originatorPersonIds' },
  originatorOrganizationIds: { id: 'paper-originator-organizations', errorKey: 'papers.fields.errors.originatorOrganizationIds' },
  relatedPaperIds: { id: 'paper-related', errorKey: 'papers.fields.errors.relatedPaperIds' },
  superordinatePaperId: { id: 'paper-superordinate', errorKey: 'papers.fields.errors.superordinatePaperId' },
};

export const PAPER_FIELD_ORDER = Object.keys(PAPER_FIELDS) as PaperField[];

/** The field a problem's `errors[].name` (or a zod issue path) is about, e.g. `originatorPersonIds.2` → `originatorPersonIds`. */
export function paperFieldOf(path: string): PaperField | null {
  const first = path.split('.')[0];
  return Object.prototype.hasOwnProperty.call(PAPER_FIELDS, first) ? (first as PaperField) : null;
}

export function formValueOf(paper: PaperDto): PaperFormValue {
  return {
    paperTypeId: paper.paperType.id,
    name: paper.name,
    date: paper.date.slice(0, 10),
    public: paper.public,
    responsibleDepartment: paper.responsibleDepartment ?? '',
    originatorPersonIds: paper.originatorPersons.map((person) => person.id),
    originatorOrganizationIds: paper.originatorOrganizations.map((organization) => organization.id),
    relatedPapers: paper.relatedPapers,
    superordinatePaper: paper.superordinatePaper,
  };
}

export function emptyFormValue(today: string, paperTypeId = ''): PaperFormValue {
  return {
    paperTypeId,
    name: '',
    date: today,
    public: true,
    responsibleDepartment: '',
    originatorPersonIds: [],
    originatorOrganizationIds: [],
    relatedPapers: [],
    superordinatePaper: null,
  };
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

/** The fields that differ between two values (what a PATCH has to send). */
export function changedFields(value: PaperFormValue, base: PaperFormValue): PaperField[] {
  const changed: PaperField[] = [];
  if (value.paperTypeId !== base.paperTypeId) changed.push('paperTypeId');
  if (value.name.trim() !== base.name.trim()) changed.push('name');
  if (value.date !== base.date) changed.push('date');
  if (value.public !== base.public) changed.push('public');
  if (value.responsibleDepartment.trim() !== base.responsibleDepartment.trim()) changed.push('responsibleDepartment');
  if (!sameIds(value.originatorPersonIds, base.originatorPersonIds)) changed.push('originatorPersonIds');
  if (!sameIds(value.originatorOrganizationIds, base.originatorOrganizationIds)) changed.push('originatorOrganizationIds');
  if (!sameSet(value.relatedPapers.map((p) => p.id), base.relatedPapers.map((p) => p.id))) changed.push('relatedPaperIds');
  if ((value.superordinatePaper?.id ?? null) !== (base.superordinatePaper?.id ?? null)) changed.push('superordinatePaperId');
  return changed;
}

function department(value: PaperFormValue): string | null {
  const text = value.responsibleDepartment.trim();
  return text === '' ? null : text;
}

/** The body of `POST …/papers` (and, with `derivation`, of `…/derivatives`). */
export function createInput(value: PaperFormValue): CreatePaperInput {
  return {
    paperTypeId: value.paperTypeId,
    name: value.name,
    date: value.date,
    public: value.public,
    responsibleDepartment: department(value),
    originatorPersonIds: [...value.originatorPersonIds],
    originatorOrganizationIds: [...value.originatorOrganizationIds],
    relatedPaperIds: value.relatedPapers.map((paper) => paper.id),
    superordinatePaperId: value.superordinatePaper?.id ?? null,
  };
}

/** The body of `PATCH …/papers/:id`: only what changed (the type never changes after creation). */
export function updateInput(value: PaperFormValue, fields: readonly PaperField[]): UpdatePaperInput {
  const input: UpdatePaperInput = {};
  for (const field of fields) {
    switch (field) {
      case 'name':
        input.name = value.name;
        break;
      case 'date':
        input.date = value.date;
        break;
      case 'public':
        input.public = value.public;
        break;
      case 'responsibleDepartment':
        input.responsibleDepartment = department(value);
        break;
      case 'originatorPersonIds':
        input.originatorPersonIds = [...value.originatorPersonIds];
        break;
      case 'originatorOrganizationIds':
        input.originatorOrganizationIds = [...value.originatorOrganizationIds];
        break;
      case 'relatedPaperIds':
        input.relatedPaperIds = value.relatedPapers.map((paper) => paper.id);
        break;
      case 'superordinatePaperId':
        input.superordinatePaperId = value.superordinatePaper?.id ?? null;
        break;
      case 'paperTypeId':
        break;
    }
  }
  return input;
}
