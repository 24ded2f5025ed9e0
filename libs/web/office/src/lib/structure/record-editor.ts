import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessError } from '@ratsinfo/web-auth';
import { type StructureResource, currentOf } from '@ratsinfo/web-data-access';
import { Loading, ModalDialog } from '@ratsinfo/web-ui';
import type { ZodType } from 'zod';
import { DeleteError } from './delete-error';
import type { FieldDef, FormValue } from './form-model';
import type { CatalogRow } from './structure-catalog';
import { StructureForm } from './structure-form';

/**
 * The page part that edits one record of the structure (an organization, a person): loads it,
 * shows it in the form, saves changes with the version read (a stale save shows the stored
 * state next to the clerk's input), and deletes it after a confirmation. Members, who read the
 * structure but do not change it, see the values as a description list.
 *
 * Texts come from `structure.<kind>.*`: loading, editHeading, saved, deleteAction, deleteHeading, deleteText.
 *
 * t(structure.organization.loading, structure.organization.editHeading, structure.organization.saved, structure.organization.deleteAction,
 *   structure.organization.deleteHeading, structure.organization.deleteText, structure.person.loading, structure.person.editHeading,
 *   structure.person.saved, structure.person.deleteAction, structure.person.deleteHeading, structure.person.deleteText)
 */
@Component({
  selector: 'ri-record-editor',
  imports: [TranslocoPipe, AccessError, DeleteError, Loading, ModalDialog, StructureForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (record.error(); as error) {
      <ri-access-error [error]="error" [headingLevel]="2" (retry)="record.reload()" />
    } @else if (!current()) {
      <ri-loading [label]="'structure.' + kind() + '.loading' | transloco" />
    } @else if (canEdit()) {
      <p class="kern-body ri-editor__notice" role="status" aria-live="polite" data-notice>
        @if (saved()) {
          <span class="kern-icon kern-icon--success kern-icon--small" aria-hidden="true"></span>
          {{ 'structure.' + kind() + '.saved' | transloco: { name: rowName()(current()!) } }}
        }
      </p>
      <section class="ri-editor__section" [attr.aria-labelledby]="kind() + '-edit-heading'" data-record-editor>
        <h2 class="kern-heading-medium" [id]="kind() + '-edit-heading'">{{ 'structure.' + kind() + '.editHeading' | transloco: { name: rowName()(current()!) } }}</h2>
        <p class="kern-body kern-body--small">{{ 'forms.requiredNote' | transloco }}</p>
        <ri-structure-form
          #form
          [name]="kind()"
          [fields]="fields()"
          [schema]="schema()"
          [value]="formValue()"
          [busy]="busy()"
          (save)="save($event)"
          (overwrite)="overwrite()"
          (adopt)="adopt()"
        >
          <button riFormActions type="button" class="kern-btn kern-btn--secondary" (click)="askDelete()" data-delete-record>
            <span class="kern-icon kern-icon--delete" aria-hidden="true"></span>
            <span class="kern-label">{{ 'structure.' + kind() + '.deleteAction' | transloco }}</span>
          </button>
        </ri-structure-form>
      </section>

      <ri-dialog #deleteDialog [heading]="'structure.' + kind() + '.deleteHeading' | transloco" [closable]="!busy()">
        <p class="kern-body">{{ 'structure.' + kind() + '.deleteText' | transloco: { name: rowName()(current()!) } }}</p>
        @if (deleteError(); as error) {
          <ri-delete-error [error]="error" (retry)="confirmDelete()" />
        }
        <button riDialogActions type="button" class="kern-btn kern-btn--secondary" data-initial-focus (click)="deleteDialog.close()">
          <span class="kern-label">{{ 'common.cancel' | transloco }}</span>
        </button>
        <button riDialogActions type="button" class="kern-btn kern-btn--primary" (click)="confirmDelete()" data-confirm-delete>
          <span class="kern-label">{{ 'structure.list.delete' | transloco }}</span>
        </button>
      </ri-dialog>
    } @else {
      <dl class="kern-description-list" data-record-view>
        @for (field of fields(); track field.name) {
          @let value = display(field);
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{{ field.labelKey | transloco }}</dt>
            <dd class="kern-description-list-item__value">{{ 'key' in value ? (value.key | transloco) : value.text }}</dd>
          </div>
        }
      </dl>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .ri-editor__notice {
      min-height: 1.5em;
    }
    .ri-editor__section {
      margin-block: var(--kern-metric-space-large, 24px) var(--kern-metric-space-x-large, 32px);
    }
  `,
})
export class RecordEditor<T extends CatalogRow> {
  readonly kind = input.required<string>();
  readonly slug = input.required<string>();
  readonly id = input.required<string>();
  readonly canEdit = input(false);
  readonly resource = input.required<StructureResource<T, unknown, unknown>>();
  readonly fields = input.required<readonly FieldDef[]>();
  readonly schema = input.required<ZodType>();
  readonly rowName = input.required<(row: T) => string>();
  readonly toFormValue = input.required<(row: T) => FormValue>();
  /** The record as loaded and after each save. */
  readonly changed = output<T>();
  readonly deleted = output<T>();

  protected readonly record = rxResource({
    params: () => ({ slug: this.slug(), id: this.id() }),
    stream: ({ params }) => this.resource().get(params.slug, params.id),
  });
  /** What the form shows: the record as loaded or saved (not changed by a stale answer, which keeps the clerk's input). */
  private readonly shown = signal<T | null>(null);
  protected readonly current = computed(() => this.shown());
  protected readonly formValue = computed(() => {
    const row = this.shown();
    return row ? this.toFormValue()(row) : null;
  });
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly deleteError = signal<unknown>(null);
  private version = 0;
  private pendingInput: unknown = null;
  private readonly form = viewChild<StructureForm>('form');
  private readonly deleteDialog = viewChild<ModalDialog>('deleteDialog');

  constructor() {
    effect(() => {
      if (!this.record.hasValue()) return;
      const row = this.record.value();
      this.show(row);
    });
  }

  protected display(field: FieldDef): { text: string } | { key: string } {
    const value = this.formValue()?.[field.name];
    if (field.kind === 'checkbox') return { key: value ? 'structure.values.yes' : 'structure.values.no' };
    if (value === undefined || value === '' || value === false) return { key: 'structure.values.none' };
    const option = field.options?.find((o) => o.value === value);
    if (option) return option.labelKey ? { key: option.labelKey } : { text: option.label ?? String(value) };
    return { text: String(value) };
  }

  private show(row: T): void {
    this.version = row.version;
    this.shown.set(row);
    this.changed.emit(row);
  }

  protected save(input: unknown): void {
    const row = this.shown();
    if (!row) return;
    this.pendingInput = input;
    this.busy.set(true);
    this.saved.set(false);
    this.resource()
      .update(this.slug(), row.id, this.version, input)
      .subscribe({
        next: (saved) => {
          this.busy.set(false);
          this.saved.set(true);
          this.pendingInput = null;
          this.show(saved);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const current = currentOf<T>(error);
          if (current) {
            this.version = current.version;
            this.changed.emit(current);
            this.form()?.showStale(this.toFormValue()(current));
          } else {
            this.form()?.fail(error);
          }
        },
      });
  }

  protected overwrite(): void {
    if (this.pendingInput !== null) this.save(this.pendingInput);
  }

  /** The clerk took over the stored state: it is what the form shows now. */
  protected adopt(): void {
    this.pendingInput = null;
    this.record.reload();
  }

  protected askDelete(): void {
    this.deleteError.set(null);
    this.deleteDialog()?.open();
  }

  protected confirmDelete(): void {
    const row = this.shown();
    if (!row || this.busy()) return;
    this.busy.set(true);
    this.resource()
      .remove(this.slug(), row.id, this.version)
      .subscribe({
        next: () => {
          this.busy.set(false);
          this.deleteDialog()?.close();
          this.deleted.emit(row);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const current = currentOf<T>(error);
          if (current) {
            this.version = current.version;
            this.shown.set(current);
          }
          this.deleteError.set(error);
        },
      });
  }
}
