import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import { type AnnotationDto, MAX_ANNOTATION_TEXT } from '@ratsinfo/contracts';
import { type AnnotationTarget, isApiError, MembersApi } from '@ratsinfo/web-data-access';
import { DateTime } from '@ratsinfo/web-ui';
import { forkJoin, map } from 'rxjs';

/** A file of the paper a note can be written on. */
export interface AnnotatableFile {
  id: string;
  name: string;
}

let nextId = 0;

/**
 * Private notes of the signed-in person on a paper and its files: "Private Notiz – nur für Sie
 * sichtbar". Nobody else can read them (the database lets only the author's account see its
 * rows). Write a note on the paper or one of its files, edit it (a stale edit is reported and the
 * current text shown), delete it. Outcomes are announced in a polite live region.
 */
@Component({
  selector: 'ri-annotations-panel',
  imports: [TranslocoPipe, DateTime],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ri-section ri-annotations" [attr.aria-labelledby]="id + '-heading'" data-annotations>
      <h2 [id]="id + '-heading'" class="kern-heading-medium">{{ 'members.annotations.heading' | transloco }}</h2>
      <p class="kern-body ri-annotations__private" data-annotations-private>
        <span class="kern-icon kern-icon--visibility-off" aria-hidden="true"></span>
        <strong>{{ 'members.annotations.privateLabel' | transloco }}</strong>
      </p>
      <p class="kern-body kern-body--small">{{ 'members.annotations.privateText' | transloco }}</p>
      <p class="kern-body ri-live" role="status" aria-live="polite" data-annotations-status>{{ announcement() | transloco }}</p>

      @if (notes.isLoading() && !notes.hasValue()) {
        <p class="kern-body">{{ 'members.annotations.loading' | transloco }}</p>
      } @else if (notes.error()) {
        <p class="kern-body" data-annotations-error>{{ 'members.annotations.loadFailed' | transloco }}</p>
      } @else if (notes.hasValue()) {
        @if (notes.value().length === 0) {
          <p class="kern-body" data-annotations-empty>{{ 'members.annotations.empty' | transloco }}</p>
        } @else {
          <ul class="ri-annotations__list" [attr.aria-label]="'members.annotations.listLabel' | transloco">
            @for (note of notes.value(); track note.id) {
              <li class="ri-annotations__note" [attr.data-annotation-id]="note.id">
                <p class="kern-body kern-body--small ri-annotations__meta">
                  @if (note.target.kind === 'file') {
                    {{ 'members.annotations.onFile' | transloco: { name: note.target.title } }} ·
                  } @else {
                    {{ 'members.annotations.onPaper' | transloco }} ·
                  }
                  <ri-date-time [value]="note.modifiedAt" />
                </p>
                @if (editingId() === note.id) {
                  <form class="ri-annotations__form" (submit)="saveEdit($event, note)" novalidate>
                    <div class="kern-form-input">
                      <label class="kern-label" [for]="id + '-edit-' + note.id">{{ 'members.annotations.editLabel' | transloco }}</label>
                      <textarea class="kern-form-input__input" [id]="id + '-edit-' + note.id" rows="4" [attr.maxlength]="max" [value]="editText()" (input)="editText.set($any($event.target).value)" data-annotation-edit-text></textarea>
                    </div>
                    <div class="ri-annotations__actions">
                      <button type="submit" class="kern-btn kern-btn--primary" [disabled]="busy() || !editText().trim()" data-annotation-save>
                        <span class="kern-label">{{ 'members.annotations.save' | transloco }}</span>
                      </button>
                      <button type="button" class="kern-btn kern-btn--secondary" (click)="editingId.set(null)">
                        <span class="kern-label">{{ 'members.annotations.cancel' | transloco }}</span>
                      </button>
                    </div>
                  </form>
                } @else {
                  <p class="kern-body ri-annotations__text" data-annotation-text>{{ note.text }}</p>
                  <div class="ri-annotations__actions">
                    <!-- The name starts with the visible word and says which note (KERN shrinks a button holding .kern-sr-only to an icon). -->
                    <button type="button" class="kern-btn kern-btn--secondary" [attr.aria-label]="('members.annotations.edit' | transloco) + ': ' + excerpt(note)" (click)="startEdit(note)" [disabled]="busy()" data-annotation-edit>
                      <span class="kern-label">{{ 'members.annotations.edit' | transloco }}</span>
                    </button>
                    <button type="button" class="kern-btn kern-btn--tertiary" [attr.aria-label]="('members.annotations.delete' | transloco) + ': ' + excerpt(note)" (click)="remove(note)" [disabled]="busy()" data-annotation-delete>
                      <span class="kern-label">{{ 'members.annotations.delete' | transloco }}</span>
                    </button>
                  </div>
                }
              </li>
            }
          </ul>
        }

        <form class="ri-annotations__form" (submit)="create($event)" novalidate data-annotation-new>
          @if (files().length > 0) {
            <div class="kern-form-input">
              <label class="kern-label" [for]="id + '-target'">{{ 'members.annotations.target' | transloco }}</label>
              <div class="kern-form-input__select-wrapper">
                <select class="kern-form-input__select" [id]="id + '-target'" (change)="targetKey.set($any($event.target).value)" data-annotation-target>
                  <option value="paper" [selected]="targetKey() === 'paper'">{{ 'members.annotations.targetPaper' | transloco }}</option>
                  @for (file of files(); track file.id) {
                    <option [value]="'file:' + file.id" [selected]="targetKey() === 'file:' + file.id">{{ 'members.annotations.targetFile' | transloco: { name: file.name } }}</option>
                  }
                </select>
              </div>
            </div>
          }
          <div class="kern-form-input" [class.kern-form-input--error]="textError()">
            <label class="kern-label" [for]="id + '-text'">{{ 'members.annotations.newLabel' | transloco }}</label>
            <div class="kern-hint" [id]="id + '-hint'">{{ 'members.annotations.newHint' | transloco: { max: max } }}</div>
            @if (textError()) {
              <p class="kern-error" [id]="id + '-error'" role="alert">
                <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true"></span>
                <span class="kern-body">{{ 'members.annotations.textRequired' | transloco }}</span>
              </p>
            }
            <textarea
              class="kern-form-input__input"
              [id]="id + '-text'"
              rows="4"
              [attr.maxlength]="max"
              [attr.aria-describedby]="textError() ? id + '-hint ' + id + '-error' : id + '-hint'"
              [attr.aria-invalid]="textError() ? 'true' : null"
              [value]="newText()"
              (input)="newText.set($any($event.target).value); textError.set(false)"
              data-annotation-text-input
            ></textarea>
          </div>
          <div>
            <button type="submit" class="kern-btn kern-btn--primary" [disabled]="busy()" data-annotation-submit>
              <span class="kern-label">{{ 'members.annotations.submit' | transloco }}</span>
            </button>
          </div>
        </form>
      }
    </section>
  `,
  styles: `
    .ri-annotations {
      border-inline-start: 4px solid var(--kern-color-feedback-info, #0063cb);
      padding-inline-start: var(--kern-metric-space-default, 16px);
    }
    .ri-annotations__private {
      display: flex;
      gap: var(--kern-metric-space-x-small, 4px);
      align-items: center;
      margin-bottom: 0;
    }
    .ri-annotations__list {
      list-style: none;
      padding: 0;
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
    }
    .ri-annotations__note {
      border: 1px solid var(--kern-color-layout-border, #6e7597);
      padding: var(--kern-metric-space-small, 8px);
    }
    .ri-annotations__text {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .ri-annotations__meta {
      margin: 0;
    }
    .ri-annotations__form {
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
      max-width: 45rem;
    }
    .ri-annotations__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-small, 8px);
    }
    .ri-live:empty {
      margin: 0;
    }
  `,
})
export class AnnotationsPanel {
  private readonly api = inject(MembersApi);

  readonly slug = input.required<string>();
  readonly paperId = input.required<string>();
  /** The paper's files the person may read (notes can be written on each). */
  readonly files = input<readonly AnnotatableFile[]>([]);

  protected readonly id = `ri-annotations-${nextId++}`;
  protected readonly max = MAX_ANNOTATION_TEXT;
  protected readonly newText = signal('');
  protected readonly textError = signal(false);
  protected readonly targetKey = signal('paper');
  protected readonly editingId = signal<string | null>(null);
  protected readonly editText = signal('');
  protected readonly busy = signal(false);
  protected readonly announcement = signal('');

  private readonly fileIds = computed(() => this.files().map((f) => f.id));

  /** The notes on the paper and on each of its files, oldest first. */
  protected readonly notes = rxResource({
    params: () => ({ slug: this.slug(), paperId: this.paperId(), fileIds: this.fileIds() }),
    stream: ({ params }) =>
      forkJoin([
        this.api.annotations(params.slug, { paperId: params.paperId }),
        ...params.fileIds.map((fileId) => this.api.annotations(params.slug, { fileId })),
      ]).pipe(
        map((lists) => lists.flat().sort((a, b) => a.createdAt.localeCompare(b.createdAt))),
      ),
  });

  protected excerpt(note: AnnotationDto): string {
    return note.text.length > 40 ? `${note.text.slice(0, 40)}…` : note.text;
  }

  private target(): AnnotationTarget {
    const key = this.targetKey();
    return key.startsWith('file:') ? { fileId: key.slice(5) } : { paperId: this.paperId() };
  }

  /** t(members.annotations.created, members.annotations.failed, members.annotations.duplicate) */
  protected create(event: Event): void {
    event.preventDefault();
    if (this.busy()) return;
    const text = this.newText().trim();
    if (!text) {
      this.textError.set(true);
      return;
    }
    this.busy.set(true);
    this.api.createAnnotation(this.slug(), this.target(), text).subscribe({
      next: (note) => {
        this.busy.set(false);
        this.newText.set('');
        this.notes.update((list) => [...(list ?? []), note]);
        this.announcement.set('members.annotations.created');
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.announcement.set(isApiError(error) && error.status === 409 ? 'members.annotations.duplicate' : 'members.annotations.failed');
      },
    });
  }

  protected startEdit(note: AnnotationDto): void {
    this.editingId.set(note.id);
    this.editText.set(note.text);
  }

  /** t(members.annotations.saved, members.annotations.stale) */
  protected saveEdit(event: Event, note: AnnotationDto): void {
    event.preventDefault();
    const text = this.editText().trim();
    if (this.busy() || !text) return;
    this.busy.set(true);
    this.api.updateAnnotation(this.slug(), note.id, note.version, text).subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.editingId.set(null);
        this.notes.update((list) => (list ?? []).map((n) => (n.id === saved.id ? saved : n)));
        this.announcement.set('members.annotations.saved');
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (isApiError(error) && error.status === 412) {
          this.editingId.set(null);
          this.announcement.set('members.annotations.stale');
          this.notes.reload();
        } else {
          this.announcement.set('members.annotations.failed');
        }
      },
    });
  }

  /** t(members.annotations.deleted) */
  protected remove(note: AnnotationDto): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api.deleteAnnotation(this.slug(), note.id).subscribe({
      next: () => {
        this.busy.set(false);
        this.notes.update((list) => (list ?? []).filter((n) => n.id !== note.id));
        this.announcement.set('members.annotations.deleted');
      },
      error: () => {
        this.busy.set(false);
        this.announcement.set('members.annotations.failed');
        this.notes.reload();
      },
    });
  }
}
