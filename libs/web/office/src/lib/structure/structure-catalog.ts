import { ChangeDetectionStrategy, Component, DOCUMENT, Injector, afterNextRender, computed, inject, input, linkedSignal, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessError } from '@ratsinfo/web-auth';
import { type StructureResource, currentOf, isStaleVersion } from '@ratsinfo/web-data-access';
import { Loading, ModalDialog } from '@ratsinfo/web-ui';
import type { ZodType } from 'zod';
import type { FieldDef, FormValue } from './form-model';
import { DeleteError } from './delete-error';
import { StructureForm } from './structure-form';

const NO_EXTRA: Record<string, unknown> = {};

/** A record of the structure as every list row is: id and version. */
export interface CatalogRow {
  id: string;
  version: number;
}

/** One column of the list: its header and the cell as text or translation key. */
export interface CatalogColumn<T> {
  labelKey: string;
  cell: (row: T) => { text: string } | { key: string };
}

/**
 * A list of one kind of structure record with its editor: the records in a table (with an
 * empty state that leads to the form), a form to create one, and — for records without a page
 * of their own — editing and deleting in place (If-Match; a stale save shows the stored state).
 * Records with a page of their own (organizations, persons) link there instead.
 *
 * Texts come from `structure.<kind>.*`: heading, listHeading, caption, empty, emptyAction,
 * createHeading, editHeading, created, saved, deleted, deleteHeading, deleteText, loading.
 *
 * t(structure.terms.listHeading, structure.terms.loading, structure.terms.caption, structure.terms.empty, structure.terms.emptyText,
 *   structure.terms.emptyAction, structure.terms.createHeading, structure.terms.createSubmit, structure.terms.editHeading, structure.terms.created,
 *   structure.terms.saved, structure.terms.deleted, structure.terms.deleteHeading, structure.terms.deleteText, structure.terms.openCreated,
 *   structure.locations.listHeading, structure.locations.loading, structure.locations.caption, structure.locations.empty,
 *   structure.locations.emptyText, structure.locations.emptyAction, structure.locations.createHeading, structure.locations.createSubmit,
 *   structure.locations.editHeading, structure.locations.created, structure.locations.saved, structure.locations.deleted,
 *   structure.locations.deleteHeading, structure.locations.deleteText, structure.locations.openCreated, structure.organizations.listHeading,
 *   structure.organizations.loading, structure.organizations.caption, structure.organizations.empty, structure.organizations.emptyText,
 *   structure.organizations.emptyAction, structure.organizations.createHeading, structure.organizations.createSubmit,
 *   structure.organizations.editHeading, structure.organizations.created, structure.organizations.saved, structure.organizations.deleted,
 *   structure.organizations.deleteHeading, structure.organizations.deleteText, structure.organizations.openCreated, structure.persons.listHeading,
 *   structure.persons.loading, structure.persons.caption, structure.persons.empty, structure.persons.emptyText, structure.persons.emptyAction,
 *   structure.persons.createHeading, structure.persons.createSubmit, structure.persons.editHeading, structure.persons.created,
 *   structure.persons.saved, structure.persons.deleted, structure.persons.deleteHeading, structure.persons.deleteText,
 *   structure.persons.openCreated, structure.memberships.listHeading, structure.memberships.loading, structure.memberships.caption,
 *   structure.memberships.empty, structure.memberships.emptyText, structure.memberships.emptyAction, structure.memberships.createHeading,
 *   structure.memberships.createSubmit, structure.memberships.editHeading, structure.memberships.created, structure.memberships.saved,
 *   structure.memberships.deleted, structure.memberships.deleteHeading, structure.memberships.deleteText, structure.memberships.openCreated)
 */
@Component({
  selector: 'ri-structure-catalog',
  imports: [TranslocoPipe, RouterLink, AccessError, DeleteError, Loading, ModalDialog, StructureForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="kern-body ri-catalog__notice" role="status" aria-live="polite" data-notice>
      @if (notice(); as n) {
        <span class="kern-icon kern-icon--success kern-icon--small" aria-hidden="true"></span>
        {{ n.key | transloco: { name: n.name } }}
        @if (n.link) {
          <a class="kern-link" [routerLink]="n.link">{{ 'structure.' + kind() + '.openCreated' | transloco: { name: n.name } }}</a>
        }
      }
    </p>

    <section class="ri-catalog__section" [attr.aria-labelledby]="kind() + '-list-heading'">
      <h2 class="kern-heading-medium" [id]="kind() + '-list-heading'">{{ 'structure.' + kind() + '.listHeading' | transloco }}</h2>
      @if (list.error(); as error) {
        <ri-access-error [error]="error" [headingLevel]="3" (retry)="list.reload()" />
      } @else if (!list.hasValue()) {
        <ri-loading [label]="'structure.' + kind() + '.loading' | transloco" />
      } @else if (rows().length === 0) {
        <div class="kern-alert kern-alert--info ri-catalog__empty" data-empty>
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--info" aria-hidden="true"></span>
            <h3 class="kern-title">{{ 'structure.' + kind() + '.empty' | transloco }}</h3>
          </div>
          <div class="kern-alert__body">
            <p class="kern-body">{{ 'structure.' + kind() + '.emptyText' | transloco }}</p>
            @if (canEdit()) {
              <button type="button" class="kern-btn kern-btn--primary" (click)="startCreate()" data-empty-action>
                <span class="kern-label">{{ 'structure.' + kind() + '.emptyAction' | transloco }}</span>
              </button>
            }
          </div>
        </div>
      } @else {
        <div class="kern-table-responsive">
          <table class="kern-table kern-table--striped" [attr.data-list]="kind()">
            <caption class="kern-sr-only">{{ 'structure.' + kind() + '.caption' | transloco }}</caption>
            <thead class="kern-table__head">
              <tr class="kern-table__row">
                <th class="kern-table__header" scope="col">{{ nameLabelKey() | transloco }}</th>
                @for (column of columns(); track column.labelKey) {
                  <th class="kern-table__header" scope="col">{{ column.labelKey | transloco }}</th>
                }
                @if (canEdit() && !detailLink()) {
                  <th class="kern-table__header" scope="col"><span class="kern-sr-only">{{ 'structure.list.actions' | transloco }}</span></th>
                }
              </tr>
            </thead>
            <tbody class="kern-table__body">
              @for (row of rows(); track row.id) {
                <tr class="kern-table__row" [attr.data-row-id]="row.id">
                  <th class="kern-table__header" scope="row">
                    @if (detailLink(); as link) {
                      <a class="kern-link" [routerLink]="link(row)">{{ rowName()(row) }}</a>
                    } @else {
                      {{ rowName()(row) }}
                    }
                  </th>
                  @for (column of columns(); track column.labelKey) {
                    @let cell = column.cell(row);
                    <td class="kern-table__cell">{{ 'key' in cell ? (cell.key | transloco) : cell.text }}</td>
                  }
                  @if (canEdit() && !detailLink()) {
                    <td class="kern-table__cell">
                      <div class="ri-catalog__row-actions">
                      <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" (click)="startEdit(row)" data-edit>
                        <span class="kern-label">{{ 'structure.list.edit' | transloco }}<span class="ri-sr-only">: {{ rowName()(row) }}</span></span>
                      </button>
                      <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" (click)="askDelete(row)" data-delete>
                        <span class="kern-label">{{ 'structure.list.delete' | transloco }}<span class="ri-sr-only">: {{ rowName()(row) }}</span></span>
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

    @if (canEdit()) {
      <section class="ri-catalog__section" [attr.aria-labelledby]="kind() + '-editor-heading'" data-editor>
        <h2 class="kern-heading-medium" [id]="kind() + '-editor-heading'" tabindex="-1">
          @if (editing(); as row) {
            {{ 'structure.' + kind() + '.editHeading' | transloco: { name: rowName()(row) } }}
          } @else {
            {{ 'structure.' + kind() + '.createHeading' | transloco }}
          }
        </h2>
        <p class="kern-body kern-body--small">{{ 'forms.requiredNote' | transloco }}</p>
        <ri-structure-form
          #form
          [name]="kind()"
          [fields]="editing() ? (editFields() ?? fields()) : fields()"
          [schema]="editing() ? updateSchema() : createSchema()"
          [value]="formValue()"
          [extra]="formExtra()"
          [submitKey]="editing() ? 'structure.form.save' : 'structure.' + kind() + '.createSubmit'"
          [busy]="busy()"
          (save)="save($event)"
          (overwrite)="overwrite()"
          (adopt)="adopt()"
        >
          @if (editing()) {
            <button riFormActions type="button" class="kern-btn kern-btn--secondary" (click)="cancelEdit()" data-cancel-edit>
              <span class="kern-label">{{ 'common.cancel' | transloco }}</span>
            </button>
          }
        </ri-structure-form>
      </section>

      <ri-dialog #deleteDialog [heading]="'structure.' + kind() + '.deleteHeading' | transloco" [closable]="!busy()" (closed)="toDelete.set(null)">
        @if (toDelete(); as row) {
          <p class="kern-body">{{ 'structure.' + kind() + '.deleteText' | transloco: { name: rowName()(row) } }}</p>
        }
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
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .ri-catalog__section {
      margin-block: var(--kern-metric-space-x-large, 32px);
    }
    .ri-catalog__notice {
      min-height: 1.5em;
    }
    .ri-catalog__row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-small, 8px);
    }
  `,
})
export class StructureCatalog<T extends CatalogRow> {
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  readonly kind = input.required<string>();
  readonly slug = input.required<string>();
  readonly canEdit = input(false);
  readonly resource = input.required<StructureResource<T, unknown, unknown>>();
  readonly fields = input.required<readonly FieldDef[]>();
  readonly createSchema = input.required<ZodType>();
  readonly updateSchema = input.required<ZodType>();
  readonly nameLabelKey = input.required<string>();
  readonly rowName = input.required<(row: T) => string>();
  readonly columns = input<readonly CatalogColumn<T>[]>([]);
  readonly toFormValue = input.required<(row: T) => FormValue>();
  /** Records with a page of their own: rows link there, and a new record is offered to open. */
  readonly detailLink = input<((row: T) => string[]) | null>(null);
  /** Sort order of the list (the API's order is kept for new rows otherwise). */
  readonly sort = input<((a: T, b: T) => number) | null>(null);

  /** Filter of the list (e.g. the memberships of one organization). */
  readonly query = input<Record<string, string>>({});
  /** Fields when editing, where they differ from creating (a membership's person is fixed). */
  readonly editFields = input<readonly FieldDef[] | null>(null);
  /** Values of a new record's form (e.g. voting right checked). */
  readonly createValue = input<FormValue | null>(null);
  /** Values a new record's body needs beyond its fields (e.g. the organization of a membership). */
  readonly createExtra = input<Record<string, unknown>>({});
  protected readonly formExtra = computed(() => (this.editing() ? NO_EXTRA : this.createExtra()));

  protected readonly list = rxResource({
    params: () => ({ slug: this.slug(), query: this.query() }),
    stream: ({ params }) => this.resource().list(params.slug, params.query),
  });
  /** The records as shown: the list, updated in place after each save. */
  readonly rows = linkedSignal<T[]>(() => this.sorted(this.list.hasValue() ? (this.list.value() ?? []) : []));

  protected readonly editing = signal<T | null>(null);
  /** Memoized: a new object on every check would reset the form while the clerk types. */
  protected readonly formValue = computed(() => {
    const row = this.editing();
    return row ? this.toFormValue()(row) : this.createValue();
  });
  protected readonly busy = signal(false);
  protected readonly notice = signal<{ key: string; name: string; link?: string[] } | null>(null);
  protected readonly toDelete = signal<T | null>(null);
  protected readonly deleteError = signal<unknown>(null);
  /** The version the next save names (moves on when the clerk overwrites a newer state). */
  private readonly version = signal(0);
  private pendingInput: unknown = null;

  private readonly form = viewChild<StructureForm>('form');
  private readonly deleteDialog = viewChild<ModalDialog>('deleteDialog');

  protected startCreate(): void {
    this.editing.set(null);
    afterNextRender(() => this.form()?.focusFirst(), { injector: this.injector });
  }

  protected startEdit(row: T): void {
    this.editing.set(row);
    this.version.set(row.version);
    this.notice.set(null);
    afterNextRender(() => this.document.getElementById(`${this.kind()}-editor-heading`)?.focus(), { injector: this.injector });
  }

  protected cancelEdit(): void {
    const row = this.editing();
    this.editing.set(null);
    this.form()?.reset(this.createValue());
    if (row) afterNextRender(() => this.document.querySelector<HTMLElement>(`[data-row-id="${row.id}"] [data-edit]`)?.focus(), { injector: this.injector });
  }

  protected save(input: unknown): void {
    this.pendingInput = input;
    const editing = this.editing();
    this.busy.set(true);
    this.notice.set(null);
    const request = editing ? this.resource().update(this.slug(), editing.id, this.version(), input) : this.resource().create(this.slug(), input);
    request.subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.rows.update((rows) => this.sorted([...rows.filter((r) => r.id !== saved.id), saved]));
        const name = this.rowName()(saved);
        const link = this.detailLink()?.(saved);
        this.notice.set({ key: `structure.${this.kind()}.${editing ? 'saved' : 'created'}`, name, ...(link && !editing ? { link } : {}) });
        this.editing.set(null);
        this.form()?.reset(this.createValue());
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const current = currentOf<T>(error);
        if (current && editing) {
          // The clerk's input stays in the form (editing keeps the row they started from).
          this.version.set(current.version);
          this.form()?.showStale(this.toFormValue()(current));
          this.rows.update((rows) => rows.map((r) => (r.id === current.id ? current : r)));
        } else {
          if (isStaleVersion(error)) this.list.reload();
          this.form()?.fail(error);
        }
      },
    });
  }

  /** After a 412: save the clerk's input again, over the state they have now seen. */
  protected overwrite(): void {
    if (this.pendingInput !== null) this.save(this.pendingInput);
  }

  protected adopt(): void {
    this.pendingInput = null;
  }

  protected askDelete(row: T): void {
    this.toDelete.set(row);
    this.deleteError.set(null);
    this.deleteDialog()?.open();
  }

  protected confirmDelete(): void {
    const row = this.toDelete();
    if (!row || this.busy()) return;
    this.busy.set(true);
    this.deleteError.set(null);
    this.resource()
      .remove(this.slug(), row.id, row.version)
      .subscribe({
        next: () => {
          this.busy.set(false);
          this.rows.update((rows) => rows.filter((r) => r.id !== row.id));
          if (this.editing()?.id === row.id) this.cancelEdit();
          this.notice.set({ key: `structure.${this.kind()}.deleted`, name: this.rowName()(row) });
          this.deleteDialog()?.close();
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const current = currentOf<T>(error);
          if (current) {
            this.rows.update((rows) => rows.map((r) => (r.id === current.id ? current : r)));
            this.toDelete.set(current);
          }
          this.deleteError.set(error);
        },
      });
  }

  private sorted(rows: T[]): T[] {
    const sort = this.sort();
    return sort ? [...rows].sort(sort) : rows;
  }
}
