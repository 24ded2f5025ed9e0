import { ChangeDetectionStrategy, Component, computed, effect, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { berlinDate } from '@ratsinfo/berlin-time';
import {
  MAX_RESOLUTION_NOTE_LENGTH,
  MAX_RESPONSIBLE_DEPARTMENT_LENGTH,
  type OfficeResolutionDto,
  ProblemType,
  RESOLUTION_STATUSES,
  type ResolutionStatus,
  type UpdateResolutionInput,
} from '@ratsinfo/contracts';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { isApiError } from '@ratsinfo/web-data-access';
import { Alert, type BreadcrumbItem, Breadcrumbs, CLOCK, DateTime, ErrorSummary, type FormErrorItem, Loading, PageTitle } from '@ratsinfo/web-ui';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { OfficeContext } from '../../office-context';
import { ResolutionsApi } from '../data/resolutions-api';
import { RESOLUTION_STATUS_KEYS, plainDate } from '../resolution-labels';
import { ResolutionStatusBadge } from '../resolution-status-badge';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Field ids of the two forms, by the API's field names (so a 400 points at the right input). */
const EDIT_FIELDS = { status: 'resolution-status', responsibleDepartment: 'resolution-department', dueDate: 'resolution-due' } as const;
const NOTE_FIELDS = { noteDate: 'resolution-note-date', text: 'resolution-note-text' } as const;

/** Translation keys of the field errors the pages set. */
/** t(resolutions.errors.required, resolutions.errors.date, resolutions.errors.future, resolutions.errors.tooLong, resolutions.errors.invalid) */
type ErrorKey = 'required' | 'date' | 'future' | 'tooLong' | 'invalid';

/**
 * `/:tenant/verwaltung/beschluesse/:resolutionId`: one resolution — the decision, its meeting and
 * paper — with the form for status, responsible department and due date (saved under its version;
 * when someone else saved first, the current state is loaded and the clerk is told) and the dated
 * notes on its execution, newest first, with a form to add one.
 */
@Component({
  selector: 'ri-resolution-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, AccessError, Alert, Breadcrumbs, DateTime, ErrorSummary, Loading, OfficeHeading, ResolutionStatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './resolution-page.html',
  styleUrl: './resolution-page.css',
})
export class ResolutionPage {
  private readonly api = inject(ResolutionsApi);
  private readonly transloco = inject(TranslocoService);
  private readonly clock = inject(CLOCK);
  protected readonly context = inject(OfficeContext);

  /** Route parameter. */
  readonly resolutionId = input.required<string>();

  protected readonly statuses = RESOLUTION_STATUSES;
  protected readonly statusKeys = RESOLUTION_STATUS_KEYS;
  protected readonly maxDepartment = MAX_RESPONSIBLE_DEPARTMENT_LENGTH;
  protected readonly maxNote = MAX_RESOLUTION_NOTE_LENGTH;
  private readonly language = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });

  protected readonly loaded = rxResource({
    params: () => ({ slug: this.context.slug(), id: this.resolutionId() }),
    stream: ({ params }) => this.api.get(params.slug, params.id),
  });
  /** The resolution as last read or saved. */
  protected readonly resolution = linkedSignal<OfficeResolutionDto | undefined, OfficeResolutionDto | null>({
    source: () => (this.loaded.hasValue() ? this.loaded.value() : undefined),
    computation: (value) => value ?? null,
  });

  protected readonly today = computed(() => berlinDate(this.clock()));

  protected readonly editForm = new FormGroup({
    status: new FormControl<ResolutionStatus>('open', { nonNullable: true }),
    responsibleDepartment: new FormControl('', { nonNullable: true }),
    dueDate: new FormControl('', { nonNullable: true }),
  });
  protected readonly noteForm = new FormGroup({
    noteDate: new FormControl('', { nonNullable: true }),
    text: new FormControl('', { nonNullable: true }),
  });

  protected readonly saving = signal(false);
  protected readonly editErrors = signal<FormErrorItem[]>([]);
  protected readonly editFocus = signal(0);
  /** What the live region says after a save: saved, or stale (someone else saved first). */
  protected readonly editOutcome = signal<'saved' | 'stale' | null>(null);
  protected readonly editFailure = signal<unknown>(null);

  protected readonly addingNote = signal(false);
  protected readonly noteErrors = signal<FormErrorItem[]>([]);
  protected readonly noteFocus = signal(0);
  protected readonly noteAdded = signal(false);
  protected readonly noteFailure = signal<unknown>(null);

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, resolutions.breadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'resolutions.breadcrumb', link: officeLink(this.context.slug(), 'beschluesse') },
    { label: this.heading() || '…' },
  ]);

  protected readonly heading = computed(() => {
    const r = this.resolution();
    return r ? [r.agendaItem.number, r.agendaItem.name].filter(Boolean).join(' ') : '';
  });

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(resolutions.title.one, resolutions.title.loading) */
    effect(() => {
      const heading = this.heading();
      if (heading) pageTitle.set('resolutions.title.one', { name: heading, tenant: this.context.tenantName() });
      else pageTitle.set('resolutions.title.loading', { tenant: this.context.tenantName() });
    });
    // the edit form shows the resolution as last read or saved
    effect(() => {
      const r = this.resolution();
      if (r) this.editForm.setValue({ status: r.status, responsibleDepartment: r.responsibleDepartment ?? '', dueDate: r.dueDate ?? '' });
    });
    effect(() => {
      if (!this.noteForm.controls.noteDate.value) this.noteForm.controls.noteDate.setValue(this.today());
    });
  }

  protected date(day: string | null): string {
    return plainDate(day, this.language());
  }

  protected meetingLink(r: OfficeResolutionDto): string[] {
    return officeLink(this.context.slug(), 'sitzungen', r.meeting.id);
  }

  protected paperLink(paperId: string): string[] {
    return officeLink(this.context.slug(), 'vorlagen', paperId);
  }

  protected save(): void {
    const r = this.resolution();
    if (!r || this.saving()) return;
    this.editOutcome.set(null);
    this.editFailure.set(null);
    const v = this.editForm.getRawValue();
    const department = v.responsibleDepartment.trim();
    const errors: FormErrorItem[] = [];
    if (department.length > MAX_RESPONSIBLE_DEPARTMENT_LENGTH) errors.push(this.error(EDIT_FIELDS.responsibleDepartment, 'tooLong', 'resolutions.fields.department', { max: MAX_RESPONSIBLE_DEPARTMENT_LENGTH }));
    if (v.dueDate && !validDay(v.dueDate)) errors.push(this.error(EDIT_FIELDS.dueDate, 'date', 'resolutions.fields.dueDate'));
    if (this.showErrors(errors, this.editErrors, this.editFocus)) return;
    const input: UpdateResolutionInput = { status: v.status, responsibleDepartment: department || null, dueDate: v.dueDate || null };
    this.saving.set(true);
    this.api.update(this.context.slug(), r.id, r.version, input).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.resolution.set(saved);
        this.editOutcome.set('saved');
      },
      error: (error: unknown) => {
        this.saving.set(false);
        if (isApiError(error) && (error.status === 412 || error.problem?.type === ProblemType.staleVersion)) {
          const current = error.problem?.current as OfficeResolutionDto | undefined;
          if (current && typeof current === 'object') this.resolution.set(current);
          else this.loaded.reload();
          this.editOutcome.set('stale');
          return;
        }
        if (this.apiFieldErrors(error, EDIT_FIELDS, this.editErrors, this.editFocus)) return;
        this.editFailure.set(error);
      },
    });
  }

  protected addNote(): void {
    const r = this.resolution();
    if (!r || this.addingNote()) return;
    this.noteAdded.set(false);
    this.noteFailure.set(null);
    const v = this.noteForm.getRawValue();
    const text = v.text.trim();
    const errors: FormErrorItem[] = [];
    if (!v.noteDate) errors.push(this.error(NOTE_FIELDS.noteDate, 'required', 'resolutions.notes.date'));
    else if (!validDay(v.noteDate)) errors.push(this.error(NOTE_FIELDS.noteDate, 'date', 'resolutions.notes.date'));
    else if (v.noteDate > this.today()) errors.push(this.error(NOTE_FIELDS.noteDate, 'future', 'resolutions.notes.date'));
    if (!text) errors.push(this.error(NOTE_FIELDS.text, 'required', 'resolutions.notes.text'));
    else if (text.length > MAX_RESOLUTION_NOTE_LENGTH) errors.push(this.error(NOTE_FIELDS.text, 'tooLong', 'resolutions.notes.text', { max: MAX_RESOLUTION_NOTE_LENGTH }));
    if (this.showErrors(errors, this.noteErrors, this.noteFocus)) return;
    this.addingNote.set(true);
    this.api.addNote(this.context.slug(), r.id, { noteDate: v.noteDate, text }).subscribe({
      next: (saved) => {
        this.addingNote.set(false);
        // Notes do not change the version: the edit form stays as the clerk has it.
        this.resolution.update((before) => (before ? { ...before, notes: saved.notes, lastNoteDate: saved.lastNoteDate } : saved));
        this.noteForm.setValue({ noteDate: this.today(), text: '' });
        this.noteAdded.set(true);
      },
      error: (error: unknown) => {
        this.addingNote.set(false);
        if (this.apiFieldErrors(error, NOTE_FIELDS, this.noteErrors, this.noteFocus)) return;
        this.noteFailure.set(error);
      },
    });
  }

  protected hasError(list: readonly FormErrorItem[], fieldId: string): boolean {
    return list.some((e) => e.fieldId === fieldId);
  }

  protected errorOf(list: readonly FormErrorItem[], fieldId: string): FormErrorItem | undefined {
    return list.find((e) => e.fieldId === fieldId);
  }

  private error(fieldId: string, key: ErrorKey, labelKey: string, params?: Record<string, unknown>): FormErrorItem {
    return { fieldId, messageKey: `resolutions.errors.${key}`, labelKey, params };
  }

  private showErrors(errors: FormErrorItem[], target: ReturnType<typeof signal<FormErrorItem[]>>, focus: ReturnType<typeof signal<number>>): boolean {
    target.set(errors);
    if (errors.length === 0) return false;
    focus.update((n) => n + 1);
    return true;
  }

  /** A 400 naming fields of this form: shown at the fields. */
  private apiFieldErrors(error: unknown, fields: Readonly<Record<string, string>>, target: ReturnType<typeof signal<FormErrorItem[]>>, focus: ReturnType<typeof signal<number>>): boolean {
    if (!isApiError(error) || error.kind !== 'validation') return false;
    const items = error.fieldErrors.flatMap((e): FormErrorItem[] => {
      const fieldId = fields[e.name];
      return fieldId ? [{ fieldId, messageKey: 'resolutions.errors.invalid', params: { reason: e.reason } }] : [];
    });
    if (items.length === 0) return false;
    return this.showErrors(items, target, focus);
  }
}

function validDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const year = Number(s.slice(0, 4));
  const d = new Date(`${s}T00:00:00Z`);
  return year >= 1900 && year <= 2999 && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}
