import { ChangeDetectionStrategy, Component, DOCUMENT, Injector, afterNextRender, computed, inject, linkedSignal, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  type CreatePaperTypeInput,
  DEFAULT_NUMBER_FORMAT,
  DEFAULT_SEQUENCE_DIGITS,
  type PaperTypeDto,
  type UpdatePaperTypeInput,
  createPaperTypeSchema,
  formatPaperReference,
  updatePaperTypeSchema,
} from '@ratsinfo/contracts';
import { AccessError } from '@ratsinfo/web-auth';
import { currentOf, isApiError, isStaleVersion } from '@ratsinfo/web-data-access';
import { Breadcrumbs, CLOCK, Loading, ModalDialog } from '@ratsinfo/web-ui';
import { z } from 'zod';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { DeleteError } from '../../structure/delete-error';
import type { FieldDef, FormValue } from '../../structure/form-model';
import { StructureForm } from '../../structure/structure-form';
import { structurePage } from '../../structure/pages/structure-page-base';
import { PaperTypesApi } from './paper-types-api';

/** 1 … 8 digits of the running number, shown with an example ("4 Stellen (0001)"). */
const DIGIT_OPTIONS = Array.from({ length: 8 }, (_, i) => ({ value: String(i + 1), label: `${i + 1} (${'1'.padStart(i + 1, '0')})` }));

/** t(officeGaps7.types.fields.name, officeGaps7.types.fields.nameHint, officeGaps7.types.fields.abbreviation, officeGaps7.types.fields.abbreviationHint,
 *    officeGaps7.types.fields.numberFormat, officeGaps7.types.fields.numberFormatHint, officeGaps7.types.fields.sequenceDigits, officeGaps7.types.fields.sequenceDigitsHint) */
const FIELDS: readonly FieldDef[] = [
  { name: 'name', kind: 'text', labelKey: 'officeGaps7.types.fields.name', hintKey: 'officeGaps7.types.fields.nameHint', maxLength: 100 },
  { name: 'abbreviation', kind: 'text', labelKey: 'officeGaps7.types.fields.abbreviation', hintKey: 'officeGaps7.types.fields.abbreviationHint', maxLength: 10 },
  { name: 'numberFormat', kind: 'text', labelKey: 'officeGaps7.types.fields.numberFormat', hintKey: 'officeGaps7.types.fields.numberFormatHint', maxLength: 50 },
  { name: 'sequenceDigits', kind: 'select', labelKey: 'officeGaps7.types.fields.sequenceDigits', hintKey: 'officeGaps7.types.fields.sequenceDigitsHint', options: DIGIT_OPTIONS },
];

/** The form sends the digits as the select's string; the contracts' schemas want a number. */
function withDigits<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => {
    if (typeof value !== 'object' || value === null) return value;
    const digits = (value as Record<string, unknown>)['sequenceDigits'];
    return typeof digits === 'string' && /^\d+$/.test(digits) ? { ...value, sequenceDigits: Number(digits) } : value;
  }, schema);
}

const NEW_TYPE: FormValue = { name: '', abbreviation: '', numberFormat: DEFAULT_NUMBER_FORMAT, sequenceDigits: String(DEFAULT_SEQUENCE_DIGITS) };

function formValueOf(t: PaperTypeDto): FormValue {
  return { name: t.name, abbreviation: t.abbreviation, numberFormat: t.numberFormat, sequenceDigits: String(t.sequenceDigits) };
}

/**
 * `/:tenant/verwaltung/vorlagenarten`: the authority's paper types (Beschlussvorlage, Antrag, …)
 * with their reference-number scheme. Clerks and admins create, edit and delete them (a type that
 * papers use cannot be deleted); the form shows an example of a reference in the scheme as it is
 * typed. A save over someone else's newer state (412) shows that state beside the input.
 */
@Component({
  selector: 'ri-paper-types-page',
  imports: [TranslocoPipe, AccessError, Breadcrumbs, DeleteError, Loading, ModalDialog, OfficeHeading, StructureForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-breadcrumbs [items]="page.breadcrumbs()" />
    <ri-office-heading [heading]="'officeGaps7.types.heading' | transloco" [preline]="page.context.tenantName()" />
    <p class="kern-body">{{ 'officeGaps7.types.intro' | transloco }}</p>

    <p class="kern-body ri-types__notice" role="status" aria-live="polite" data-notice>
      @if (notice(); as n) {
        <span class="kern-icon kern-icon--success kern-icon--small" aria-hidden="true"></span>
        {{ n.key | transloco: { name: n.name } }}
      }
    </p>

    <section class="ri-types__section" aria-labelledby="paper-types-list-heading">
      <h2 class="kern-heading-medium" id="paper-types-list-heading">{{ 'officeGaps7.types.listHeading' | transloco }}</h2>
      @if (list.error(); as error) {
        <ri-access-error [error]="error" [headingLevel]="3" (retry)="list.reload()" />
      } @else if (!list.hasValue()) {
        <ri-loading [label]="'officeGaps7.types.loading' | transloco" />
      } @else if (rows().length === 0) {
        <p class="kern-body" data-empty>{{ 'officeGaps7.types.empty' | transloco }}</p>
      } @else {
        <div class="kern-table-responsive">
          <table class="kern-table kern-table--striped" data-list="paper-types">
            <caption class="kern-sr-only">{{ 'officeGaps7.types.caption' | transloco }}</caption>
            <thead class="kern-table__head">
              <tr class="kern-table__row">
                <th class="kern-table__header" scope="col">{{ 'officeGaps7.types.fields.name' | transloco }}</th>
                <th class="kern-table__header" scope="col">{{ 'officeGaps7.types.fields.abbreviation' | transloco }}</th>
                <th class="kern-table__header" scope="col">{{ 'officeGaps7.types.example' | transloco }}</th>
                <th class="kern-table__header" scope="col">{{ 'officeGaps7.types.papers' | transloco }}</th>
                @if (page.canEdit()) {
                  <th class="kern-table__header" scope="col"><span class="kern-sr-only">{{ 'structure.list.actions' | transloco }}</span></th>
                }
              </tr>
            </thead>
            <tbody class="kern-table__body">
              @for (row of rows(); track row.id) {
                <tr class="kern-table__row" [attr.data-row-id]="row.id">
                  <th class="kern-table__header" scope="row">{{ row.name }}</th>
                  <td class="kern-table__cell">{{ row.abbreviation }}</td>
                  <td class="kern-table__cell"><span class="ri-types__reference" data-example>{{ example(row.numberFormat, row.abbreviation, row.sequenceDigits) }}</span></td>
                  <td class="kern-table__cell" data-paper-count>{{ row.paperCount }}</td>
                  @if (page.canEdit()) {
                    <td class="kern-table__cell">
                      <div class="ri-types__row-actions">
                        <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" (click)="startEdit(row)" data-edit>
                          <span class="kern-label">{{ 'structure.list.edit' | transloco }}<span class="ri-sr-only">: {{ row.name }}</span></span>
                        </button>
                        <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" (click)="askDelete(row)" data-delete>
                          <span class="kern-label">{{ 'structure.list.delete' | transloco }}<span class="ri-sr-only">: {{ row.name }}</span></span>
                        </button>
                      </div>
                    </td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>

    @if (page.canEdit()) {
      <section class="ri-types__section" aria-labelledby="paper-types-editor-heading" data-editor>
        <h2 class="kern-heading-medium" id="paper-types-editor-heading" tabindex="-1">
          @if (editing(); as row) {
            {{ 'officeGaps7.types.editHeading' | transloco: { name: row.name } }}
          } @else {
            {{ 'officeGaps7.types.createHeading' | transloco }}
          }
        </h2>
        <p class="kern-body kern-body--small">{{ 'forms.requiredNote' | transloco }}</p>
        @if (taken(); as abbreviation) {
          <div class="kern-alert kern-alert--danger" role="alert" data-taken>
            <div class="kern-alert__header">
              <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
              <h3 class="kern-title">{{ 'officeGaps7.types.takenTitle' | transloco }}</h3>
            </div>
            <div class="kern-alert__body">
              <p class="kern-body">{{ 'officeGaps7.types.taken' | transloco: { abbreviation } }}</p>
            </div>
          </div>
        }
        <ri-structure-form
          #form
          name="paperTypes"
          [fields]="fields"
          [schema]="editing() ? updateSchema : createSchema"
          [value]="formValue()"
          [submitKey]="editing() ? 'structure.form.save' : 'officeGaps7.types.createSubmit'"
          [busy]="busy()"
          (save)="save($event)"
          (overwrite)="overwrite()"
          (adopt)="adopt()"
          (edited)="draft.set($event)"
        >
          <div riFormAfterFields class="ri-types__preview" data-preview>
            <p class="kern-label" id="paper-types-preview-label">{{ 'officeGaps7.types.previewLabel' | transloco }}</p>
            <output class="ri-types__reference kern-body" aria-labelledby="paper-types-preview-label" aria-live="polite" data-preview-value>
              @if (preview(); as reference) {
                {{ reference }}
              } @else {
                {{ 'officeGaps7.types.previewMissingSeq' | transloco }}
              }
            </output>
          </div>
          @if (editing()) {
            <button riFormActions type="button" class="kern-btn kern-btn--secondary" (click)="cancelEdit()" data-cancel-edit>
              <span class="kern-label">{{ 'common.cancel' | transloco }}</span>
            </button>
          }
        </ri-structure-form>
      </section>

      <ri-dialog #deleteDialog [heading]="'officeGaps7.types.deleteHeading' | transloco" [closable]="!busy()" (closed)="toDelete.set(null)">
        @if (toDelete(); as row) {
          @if (row.paperCount > 0 && !inUseCount()) {
            <p class="kern-body" data-in-use>{{ 'officeGaps7.types.inUse' | transloco: { name: row.name, count: row.paperCount } }}</p>
          } @else if (row.paperCount === 0) {
            <p class="kern-body">{{ 'officeGaps7.types.deleteText' | transloco: { name: row.name } }}</p>
          }
        }
        @if (deleteError(); as error) {
          @if (inUseCount(); as count) {
            <div class="kern-alert kern-alert--danger" role="alert" data-delete-error>
              <div class="kern-alert__header">
                <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
                <h3 class="kern-title">{{ 'structure.deleteErrors.title' | transloco }}</h3>
              </div>
              <div class="kern-alert__body">
                <p class="kern-body">{{ 'officeGaps7.types.inUse' | transloco: { name: toDelete()?.name ?? '', count } }}</p>
              </div>
            </div>
          } @else {
            <ri-delete-error [error]="error" (retry)="confirmDelete()" />
          }
        }
        <button riDialogActions type="button" class="kern-btn kern-btn--secondary" data-initial-focus (click)="deleteDialog.close()">
          <span class="kern-label">{{ 'common.cancel' | transloco }}</span>
        </button>
        @if ((toDelete()?.paperCount ?? 0) === 0) {
          <button riDialogActions type="button" class="kern-btn kern-btn--primary" (click)="confirmDelete()" data-confirm-delete>
            <span class="kern-label">{{ 'structure.list.delete' | transloco }}</span>
          </button>
        }
      </ri-dialog>
    }
  `,
  styles: `
    .ri-types__section {
      margin-block: var(--kern-metric-space-x-large, 32px);
    }
    .ri-types__notice {
      min-height: 1.5em;
    }
    /* Keeps the header's screen-reader text inside the scrolling table (else the page scrolls sideways). */
    .kern-table-responsive {
      position: relative;
    }
    .ri-types__row-actions {
      display: flex;
      flex-wrap: nowrap;
      gap: var(--kern-metric-space-small, 8px);
    }
    .ri-types__reference {
      font-family: var(--kern-typography-font-family-monospace, monospace);
      overflow-wrap: anywhere;
    }
    .ri-types__preview {
      margin-top: var(--kern-metric-space-default, 16px);
      padding: var(--kern-metric-space-small, 8px) var(--kern-metric-space-default, 16px);
      border-left: 4px solid var(--kern-color-layout-border, #6e7597);
      background: var(--kern-color-layout-background-hued, #f7f7f9);
    }
    .ri-types__preview p {
      margin: 0;
    }
    .ri-types__preview output {
      display: block;
      font-size: 1.25rem;
      font-weight: 600;
    }
  `,
})
export class PaperTypesPage {
  private readonly api = inject(PaperTypesApi);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly clock = inject(CLOCK);
  /** t(officeGaps7.types.title) */
  protected readonly page = structurePage('officeGaps7.types.nav', 'officeGaps7.types.title');
  protected readonly fields = FIELDS;
  protected readonly createSchema = withDigits(createPaperTypeSchema);
  protected readonly updateSchema = withDigits(updatePaperTypeSchema);

  protected readonly list = rxResource({
    params: () => ({ slug: this.page.context.slug() }),
    stream: ({ params }) => this.api.list(params.slug),
  });
  protected readonly rows = linkedSignal<PaperTypeDto[]>(() => (this.list.hasValue() ? (this.list.value() ?? []) : []));

  protected readonly editing = signal<PaperTypeDto | null>(null);
  protected readonly formValue = computed(() => {
    const row = this.editing();
    return row ? formValueOf(row) : NEW_TYPE;
  });
  /** What the clerk has typed (the form's value until they edit). */
  protected readonly draft = linkedSignal<FormValue>(() => this.formValue());
  protected readonly preview = computed(() => {
    const d = this.draft();
    const format = String(d['numberFormat'] ?? '');
    if (!format.includes('{seq}')) return null;
    return this.example(format, String(d['abbreviation'] ?? '').trim() || '…', Number(d['sequenceDigits']) || DEFAULT_SEQUENCE_DIGITS);
  });

  protected readonly busy = signal(false);
  protected readonly notice = signal<{ key: string; name: string } | null>(null);
  /** The abbreviation the API refused as taken (409). */
  protected readonly taken = signal<string | null>(null);
  protected readonly toDelete = signal<PaperTypeDto | null>(null);
  protected readonly deleteError = signal<unknown>(null);
  /** Papers that keep the type from being deleted, from a 409 answer (0 otherwise). */
  protected readonly inUseCount = computed(() => {
    const error = this.deleteError();
    if (!isApiError(error) || error.kind !== 'conflict') return 0;
    return Number(/used by (\d+) paper/.exec(error.problem?.detail ?? '')?.[1] ?? 0);
  });
  private readonly version = signal(0);
  private pendingInput: unknown = null;

  private readonly form = viewChild<StructureForm>('form');
  private readonly deleteDialog = viewChild<ModalDialog>('deleteDialog');

  /** The first reference of this year in `format` (e.g. `BV/0001/2026`). */
  protected example(format: string, abbreviation: string, digits: number): string {
    return formatPaperReference(format, abbreviation, digits, this.clock().getFullYear(), 1);
  }

  protected startEdit(row: PaperTypeDto): void {
    this.editing.set(row);
    this.version.set(row.version);
    this.notice.set(null);
    this.taken.set(null);
    afterNextRender(() => this.document.getElementById('paper-types-editor-heading')?.focus(), { injector: this.injector });
  }

  protected cancelEdit(): void {
    const row = this.editing();
    this.editing.set(null);
    this.taken.set(null);
    if (row) afterNextRender(() => this.document.querySelector<HTMLElement>(`[data-row-id="${row.id}"] [data-edit]`)?.focus(), { injector: this.injector });
  }

  protected save(input: unknown): void {
    this.pendingInput = input;
    const editing = this.editing();
    const slug = this.page.context.slug();
    this.busy.set(true);
    this.notice.set(null);
    this.taken.set(null);
    const request = editing ? this.api.update(slug, editing.id, this.version(), input as UpdatePaperTypeInput) : this.api.create(slug, input as CreatePaperTypeInput);
    request.subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.rows.update((rows) => (rows.some((r) => r.id === saved.id) ? rows.map((r) => (r.id === saved.id ? saved : r)) : [...rows, saved]));
        /** t(officeGaps7.types.saved, officeGaps7.types.created, officeGaps7.types.deleted, officeGaps7.types.createSubmit) */
        this.notice.set({ key: editing ? 'officeGaps7.types.saved' : 'officeGaps7.types.created', name: saved.name });
        this.editing.set(null);
        this.form()?.reset(NEW_TYPE);
        this.draft.set(NEW_TYPE);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const current = currentOf<PaperTypeDto>(error);
        if (current && editing) {
          // The clerk's input stays; the stored state is shown beside it.
          this.version.set(current.version);
          this.form()?.showStale(formValueOf(current));
          this.rows.update((rows) => rows.map((r) => (r.id === current.id ? current : r)));
        } else if (isApiError(error) && error.kind === 'conflict' && /abbreviation/.test(error.problem?.detail ?? '')) {
          this.taken.set((input as { abbreviation?: string }).abbreviation ?? '');
        } else {
          if (isStaleVersion(error)) this.list.reload();
          this.form()?.fail(error);
        }
      },
    });
  }

  protected overwrite(): void {
    if (this.pendingInput !== null) this.save(this.pendingInput);
  }

  protected adopt(): void {
    this.pendingInput = null;
    const editing = this.editing();
    if (editing) this.draft.set(formValueOf(this.rows().find((r) => r.id === editing.id) ?? editing));
  }

  protected askDelete(row: PaperTypeDto): void {
    this.toDelete.set(row);
    this.deleteError.set(null);
    this.deleteDialog()?.open();
  }

  protected confirmDelete(): void {
    const row = this.toDelete();
    if (!row || this.busy()) return;
    this.busy.set(true);
    this.deleteError.set(null);
    this.api.remove(this.page.context.slug(), row.id, row.version).subscribe({
      next: () => {
        this.busy.set(false);
        this.rows.update((rows) => rows.filter((r) => r.id !== row.id));
        if (this.editing()?.id === row.id) this.cancelEdit();
        this.notice.set({ key: 'officeGaps7.types.deleted', name: row.name });
        this.deleteDialog()?.close();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const used = isApiError(error) && error.kind === 'conflict' ? Number(/used by (\d+) paper/.exec(error.problem?.detail ?? '')?.[1] ?? 0) : 0;
        const current = currentOf<PaperTypeDto>(error) ?? (used > 0 ? { ...row, paperCount: used } : null);
        if (current) {
          this.rows.update((rows) => rows.map((r) => (r.id === current.id ? current : r)));
          this.toDelete.set(current);
        }
        this.deleteError.set(error);
      },
    });
  }
}
