import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import type { InvalidParam } from '@ratsinfo/contracts';
import { AccessError } from '@ratsinfo/web-auth';
import { isApiError } from '@ratsinfo/web-data-access';
import { Alert, ErrorSummary, type FormErrorItem } from '@ratsinfo/web-ui';
import type { ZodType } from 'zod';
import { type FieldDef, type FieldMessage, type FormValue, candidate, controlValue, messageFor } from './form-model';

let nextFormId = 0;

/** One field whose stored value differs from what the clerk entered (shown after a 412). */
interface StaleRow {
  name: string;
  labelKey: string;
  current: DisplayValue;
  mine: DisplayValue;
}
type DisplayValue = { text: string } | { key: string };

/**
 * The one form of the structure pages (terms, locations, organizations, persons, memberships),
 * driven by field definitions and validated with the contracts' zod schema before sending; the
 * server's field errors land at the same inputs. An error summary lists every invalid field and
 * takes the focus after a failed submit.
 *
 * A save refused because someone else saved first (412) shows the stored values next to the
 * clerk's input; the clerk either takes over the stored state or saves their input over it
 * (`overwrite`: the page then saves again with the new version).
 */
@Component({
  selector: 'ri-structure-form',
  imports: [ReactiveFormsModule, TranslocoPipe, AccessError, Alert, ErrorSummary],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-error-summary [errors]="summary()" [heading]="'forms.errorSummary' | transloco" [focusKey]="summaryFocus()" />
    @if (unmapped().length > 0) {
      <ri-alert variant="danger" [heading]="'structure.form.otherErrors' | transloco" [headingLevel]="3" [role]="'alert'">
        <ul class="kern-list kern-list--bullet">
          @for (error of unmapped(); track error.name) {
            <li><code>{{ error.name }}</code>: {{ error.reason }}</li>
          }
        </ul>
      </ri-alert>
    }
    @if (stale(); as rows) {
      <div class="kern-alert kern-alert--warning" role="alert" data-stale>
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--warning" aria-hidden="true"></span>
          <h3 class="kern-title">{{ 'structure.stale.title' | transloco }}</h3>
        </div>
        <div class="kern-alert__body">
          <p class="kern-body">{{ 'structure.stale.text' | transloco }}</p>
          @if (rows.length > 0) {
            <div class="kern-table-responsive">
              <table class="kern-table kern-table--small">
                <caption class="kern-sr-only">{{ 'structure.stale.caption' | transloco }}</caption>
                <thead class="kern-table__head">
                  <tr class="kern-table__row">
                    <th class="kern-table__header" scope="col">{{ 'structure.stale.field' | transloco }}</th>
                    <th class="kern-table__header" scope="col">{{ 'structure.stale.current' | transloco }}</th>
                    <th class="kern-table__header" scope="col">{{ 'structure.stale.mine' | transloco }}</th>
                  </tr>
                </thead>
                <tbody class="kern-table__body">
                  @for (row of rows; track row.name) {
                    <tr class="kern-table__row" [attr.data-stale-field]="row.name">
                      <th class="kern-table__header" scope="row">{{ row.labelKey | transloco }}</th>
                      <td class="kern-table__cell">{{ 'key' in row.current ? (row.current.key | transloco) : row.current.text }}</td>
                      <td class="kern-table__cell">{{ 'key' in row.mine ? (row.mine.key | transloco) : row.mine.text }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          } @else {
            <p class="kern-body">{{ 'structure.stale.noDifference' | transloco }}</p>
          }
          <div class="ri-structure-form__actions">
            <button type="button" class="kern-btn kern-btn--secondary" (click)="adoptCurrent()" data-stale-adopt>
              <span class="kern-label">{{ 'structure.stale.adopt' | transloco }}</span>
            </button>
            <button type="button" class="kern-btn kern-btn--primary" (click)="saveMine()" data-stale-overwrite>
              <span class="kern-label">{{ 'structure.stale.overwrite' | transloco }}</span>
            </button>
          </div>
        </div>
      </div>
    }
    @if (formError(); as error) {
      <ri-access-error [error]="error" [headingLevel]="3" (retry)="submit()" />
    }

    <form class="ri-structure-form" [formGroup]="form" (ngSubmit)="submit()" [attr.aria-busy]="busy()" novalidate [attr.data-form]="name()">
      <div class="ri-structure-form__grid">
        @for (field of fields(); track field.name) {
          @if (field.kind === 'checkbox') {
            <div class="kern-form-check" [class.ri-wide]="field.wide">
              <input class="kern-form-check__checkbox" type="checkbox" [id]="id(field)" [formControlName]="field.name" [attr.aria-describedby]="describedBy(field)" />
              <label class="kern-label" [for]="id(field)">{{ field.labelKey | transloco }}</label>
              @if (field.hintKey) {
                <div class="kern-hint" [id]="id(field) + '-hint'">{{ field.hintKey | transloco }}</div>
              }
            </div>
          } @else {
            <div class="kern-form-input" [class.kern-form-input--error]="errors().has(field.name)" [class.ri-wide]="field.wide">
              <label class="kern-label" [for]="id(field)">
                {{ field.labelKey | transloco }}
                @if (field.optional) {
                  <span class="kern-label__optional">{{ 'forms.optional' | transloco }}</span>
                }
              </label>
              @if (field.hintKey) {
                <div class="kern-hint" [id]="id(field) + '-hint'">{{ field.hintKey | transloco }}</div>
              }
              @switch (field.kind) {
                @case ('select') {
                  <div class="kern-form-input__select-wrapper">
                    <select
                      class="kern-form-input__select"
                      [class.kern-form-input__select--error]="errors().has(field.name)"
                      [id]="id(field)"
                      [formControlName]="field.name"
                      [attr.aria-invalid]="errors().has(field.name)"
                      [attr.aria-describedby]="describedBy(field)"
                    >
                      <option value="">{{ (field.emptyKey ?? 'structure.form.choose') | transloco }}</option>
                      @for (option of field.options ?? []; track option.value) {
                        <option [value]="option.value">{{ option.labelKey ? (option.labelKey | transloco) : option.label }}</option>
                      }
                    </select>
                  </div>
                }
                @case ('textarea') {
                  <textarea
                    class="kern-form-input__input"
                    [class.kern-form-input__input--error]="errors().has(field.name)"
                    rows="4"
                    [id]="id(field)"
                    [formControlName]="field.name"
                    [attr.maxlength]="field.maxLength ?? null"
                    [attr.aria-invalid]="errors().has(field.name)"
                    [attr.aria-describedby]="describedBy(field)"
                  ></textarea>
                }
                @default {
                  <input
                    class="kern-form-input__input"
                    [class.kern-form-input__input--error]="errors().has(field.name)"
                    [type]="field.kind"
                    [id]="id(field)"
                    [formControlName]="field.name"
                    [attr.maxlength]="field.maxLength ?? null"
                    [attr.autocomplete]="field.autocomplete ?? 'off'"
                    [attr.aria-invalid]="errors().has(field.name)"
                    [attr.aria-describedby]="describedBy(field)"
                  />
                }
              }
              @if (errors().get(field.name); as message) {
                <p class="kern-error" [id]="id(field) + '-error'">
                  <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
                  <span class="kern-body">{{ message.key | transloco: message.params }}</span>
                </p>
              }
            </div>
          }
        }
      </div>
      <ng-content select="[riFormAfterFields]" />
      <div class="ri-structure-form__actions">
        <button type="submit" class="kern-btn kern-btn--primary" [disabled]="busy()" data-submit>
          <span class="kern-label">{{ (busy() ? 'structure.form.saving' : submitKey()) | transloco }}</span>
        </button>
        <ng-content select="[riFormActions]" />
      </div>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    .ri-structure-form__grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 16rem), 1fr));
      gap: var(--kern-metric-space-default, 16px) var(--kern-metric-space-large, 24px);
      align-items: start;
    }
    .ri-wide {
      grid-column: 1 / -1;
    }
    .ri-structure-form__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-small, 8px);
      margin-top: var(--kern-metric-space-large, 24px);
    }
    .kern-form-check {
      align-self: end;
    }
  `,
})
export class StructureForm {
  /** Names the form in ids and `data-form` (several forms on one page). */
  readonly name = input.required<string>();
  readonly fields = input.required<readonly FieldDef[]>();
  readonly schema = input.required<ZodType>();
  /** Values to show (null: empty form). Setting them again resets the form. */
  /** t(structure.form.save, structure.form.choose) */
  readonly value = input<FormValue | null>(null);
  /** Values the body needs that are not fields (e.g. the organization of a new membership). */
  readonly extra = input<Record<string, unknown>>({});
  readonly submitKey = input('structure.form.save');
  readonly busy = input(false);
  /** The input, parsed by `schema`. */
  readonly save = output<unknown>();
  /** After a 412 the clerk chose to save their input over the stored state. */
  readonly overwrite = output<void>();
  /** After a 412 the clerk took over the stored state. */
  readonly adopt = output<void>();
  /** Every edit of the clerk, with the form's values (e.g. for a live preview beside the fields). */
  readonly edited = output<FormValue>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly formId = `sf${++nextFormId}`;
  protected readonly form = new FormGroup<Record<string, FormControl<string | boolean>>>({});
  protected readonly errors = signal<ReadonlyMap<string, FieldMessage>>(new Map());
  protected readonly unmapped = signal<readonly InvalidParam[]>([]);
  protected readonly formError = signal<unknown>(null);
  protected readonly summaryFocus = signal(0);
  private readonly staleValue = signal<FormValue | null>(null);

  protected readonly summary = computed<FormErrorItem[]>(() => {
    const errors = this.errors();
    return this.fields()
      .filter((f) => errors.has(f.name))
      .map((f) => {
        const message = errors.get(f.name) as FieldMessage;
        return { fieldId: this.id(f), labelKey: f.labelKey, messageKey: message.key, params: message.params };
      });
  });

  protected readonly stale = computed<StaleRow[] | null>(() => {
    const current = this.staleValue();
    if (!current) return null;
    this.edits();
    const mine = this.form.getRawValue();
    return this.fields()
      .filter((f) => current[f.name] !== undefined && current[f.name] !== mine[f.name])
      .map((f) => ({ name: f.name, labelKey: f.labelKey, current: this.display(f, current[f.name]), mine: this.display(f, mine[f.name]) }));
  });
  /** Bumped on every edit, so `stale` follows the clerk's input. */
  private readonly edits = signal(0);

  constructor() {
    // New fields (options loaded later do not count) get a control; the input is kept.
    effect(() => this.ensureControls(this.fields()));
    // New values (another record, or after saving) replace the input.
    effect(() => {
      const value = this.value();
      untracked(() => {
        this.ensureControls(this.fields());
        this.reset(value);
      });
    });
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.edits.update((n) => n + 1);
      if (this.errors().size > 0) this.errors.set(this.clientErrors(false));
      this.edited.emit(this.form.getRawValue());
    });
  }

  private ensureControls(fields: readonly FieldDef[]): void {
    for (const field of fields) {
      if (!this.form.contains(field.name)) this.form.addControl(field.name, new FormControl<string | boolean>(controlValue(field.kind, null), { nonNullable: true }), { emitEvent: false });
    }
  }

  protected id(field: FieldDef): string {
    return `${this.formId}-${this.name()}-${field.name}`;
  }

  protected describedBy(field: FieldDef): string | null {
    const id = this.id(field);
    const ids = [field.hintKey ? `${id}-hint` : null, this.errors().has(field.name) ? `${id}-error` : null].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : null;
  }

  /** Moves the focus to the first field (e.g. from an empty state's call to action). */
  focusFirst(): void {
    const first = this.fields()[0];
    if (first) this.host.nativeElement.querySelector<HTMLElement>(`#${this.id(first)}`)?.focus();
  }

  /** Empties the form, or shows `value`; clears every message. */
  reset(value: FormValue | null = null): void {
    const next: FormValue = {};
    for (const field of this.fields()) next[field.name] = value?.[field.name] ?? controlValue(field.kind, null);
    this.form.reset(next, { emitEvent: false });
    this.edits.update((n) => n + 1);
    this.errors.set(new Map());
    this.unmapped.set([]);
    this.formError.set(null);
    this.staleValue.set(null);
  }

  submit(): void {
    if (this.busy()) return;
    this.formError.set(null);
    this.unmapped.set([]);
    const errors = this.clientErrors(true);
    this.errors.set(errors);
    if (errors.size > 0) {
      this.summaryFocus.update((n) => n + 1);
      return;
    }
    const parsed = this.schema().safeParse(this.body());
    if (!parsed.success) {
      // Only a field the form does not show can fail here: name it rather than fail silently.
      this.unmapped.set(parsed.error.issues.map((issue) => ({ name: issue.path.join('.'), reason: issue.message })));
      return;
    }
    this.staleValue.set(null);
    this.save.emit(parsed.data);
  }

  private body(): Record<string, unknown> {
    return { ...this.extra(), ...candidate(this.fields(), this.form.getRawValue()) };
  }

  /** Shows what the API answered to a save: field errors at their fields, anything else as an alert. */
  fail(error: unknown): void {
    if (isApiError(error) && error.kind === 'validation' && error.fieldErrors.length > 0) {
      const byName = new Map(this.fields().map((f) => [f.name, f]));
      const errors = new Map<string, FieldMessage>();
      const unmapped: InvalidParam[] = [];
      for (const invalid of error.fieldErrors) {
        const field = byName.get(invalid.name.split('.')[0] ?? '');
        if (!field) unmapped.push(invalid);
        else if (!errors.has(field.name)) errors.set(field.name, messageFor(invalid.reason, field.kind));
      }
      this.errors.set(errors);
      this.unmapped.set(unmapped);
      if (errors.size > 0) this.summaryFocus.update((n) => n + 1);
      return;
    }
    this.formError.set(error);
  }

  /** Someone else saved first: show the stored values (as form values) beside the clerk's input. */
  showStale(current: FormValue): void {
    this.staleValue.set(current);
  }

  protected adoptCurrent(): void {
    const current = this.staleValue();
    this.reset(current);
    this.adopt.emit();
  }

  protected saveMine(): void {
    this.staleValue.set(null);
    this.overwrite.emit();
  }

  private clientErrors(all: boolean): Map<string, FieldMessage> {
    const result = this.schema().safeParse(this.body());
    const errors = new Map<string, FieldMessage>();
    if (result.success) return errors;
    const byName = new Map(this.fields().map((f) => [f.name, f]));
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '');
      const field = byName.get(name);
      // While correcting, only fields that already had a message keep one (no new ones on typing).
      if (!field || errors.has(name) || (!all && !this.errors().has(name))) continue;
      errors.set(name, messageFor(issue.message, field.kind));
    }
    return errors;
  }

  private display(field: FieldDef, value: string | boolean | undefined): DisplayValue {
    if (field.kind === 'checkbox') return { key: value ? 'structure.values.yes' : 'structure.values.no' };
    if (value === undefined || value === '') return { key: 'structure.values.none' };
    const option = field.options?.find((o) => o.value === value);
    if (option) return option.labelKey ? { key: option.labelKey } : { text: option.label ?? String(value) };
    return { text: String(value) };
  }
}
