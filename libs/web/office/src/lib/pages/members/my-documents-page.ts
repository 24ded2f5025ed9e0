import { ChangeDetectionStrategy, Component, DOCUMENT, computed, effect, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { MAX_DOCUMENT_QUERY, type MyDocumentDto } from '@ratsinfo/contracts';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { MembersApi } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, Loading, PageTitle } from '@ratsinfo/web-ui';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { OfficeContext } from '../../office-context';

/**
 * `/:tenant/verwaltung/meine-unterlagen`: the papers the signed-in member may read (the
 * authority's visibility rule), newest first, with their files and how many private notes the
 * member has on them; a search over titles and full text. Results are announced politely.
 */
@Component({
  selector: 'ri-my-documents-page',
  imports: [RouterLink, TranslocoPipe, AccessError, Breadcrumbs, Loading, OfficeHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './member-pages.css',
  template: `
    <ri-breadcrumbs [items]="breadcrumbs()" />
    <ri-office-heading [heading]="'members.documents.heading' | transloco" [preline]="context.tenantName()" />
    <p class="kern-body">{{ 'members.documents.intro' | transloco }}</p>
    <form class="ri-member-search" role="search" (submit)="search($event)" data-documents-search>
      <div class="kern-form-input">
        <label class="kern-label" for="my-documents-q">{{ 'members.documents.searchLabel' | transloco }}</label>
        <div class="kern-hint" id="my-documents-q-hint">{{ 'members.documents.searchHint' | transloco }}</div>
        <input class="kern-form-input__input" id="my-documents-q" type="search" [attr.maxlength]="maxQuery" aria-describedby="my-documents-q-hint" [value]="draft()" (input)="draft.set($any($event.target).value)" data-documents-q />
      </div>
      <button type="submit" class="kern-btn kern-btn--primary" data-documents-submit>
        <span class="kern-icon kern-icon--search" aria-hidden="true"></span>
        <span class="kern-label">{{ 'members.documents.search' | transloco }}</span>
      </button>
    </form>

    <p class="kern-body ri-member-actions">
      <button type="button" class="kern-btn kern-btn--secondary" (click)="exportNotes()" [disabled]="exporting()" data-annotations-export>
        <span class="kern-icon kern-icon--download" aria-hidden="true"></span>
        <span class="kern-label">{{ 'members.annotations.export' | transloco }}</span>
      </button>
      <span class="kern-sr-only" role="status" aria-live="polite">{{ exportStatus() | transloco }}</span>
    </p>

    <section class="ri-section" aria-labelledby="my-documents-heading">
      <h2 id="my-documents-heading" class="kern-heading-medium">{{ (query() ? 'members.documents.resultsFor' : 'members.documents.latest') | transloco: { q: query() } }}</h2>
      <p class="kern-sr-only" role="status" aria-live="polite">@if (rows(); as r) {{{ 'members.documents.count' | transloco: { count: r.length } }}}</p>
      @if (error(); as e) {
        <ri-access-error [error]="e" [headingLevel]="3" (retry)="load(true)" />
      } @else if (rows() === null) {
        <ri-loading [label]="'members.documents.loading' | transloco" />
      } @else if (rows()!.length === 0) {
        <p class="kern-body" data-my-documents-empty>{{ 'members.documents.empty' | transloco }}</p>
      } @else {
        <ul class="ri-member-list" data-my-documents>
          @for (d of rows(); track d.id) {
            <li class="ri-member-item" [attr.data-paper-id]="d.id">
              <h3 class="kern-heading-small"><a class="kern-link" [routerLink]="paperLink(d.id)">{{ d.reference }} {{ d.name }}</a></h3>
              <p class="kern-body kern-body--small">{{ d.paperType }} · {{ d.date }}</p>
              <div class="ri-member-badges">
                @if (!d.public) {
                  <span class="kern-badge kern-badge--warning kern-badge--small"><span class="kern-label">{{ 'members.documents.nonPublic' | transloco }}</span></span>
                }
                @if (d.annotationCount > 0) {
                  <span class="kern-badge kern-badge--info kern-badge--small" data-annotation-count><span class="kern-label">{{ 'members.documents.notes' | transloco: { count: d.annotationCount } }}</span></span>
                }
              </div>
              @if (d.files.length > 0) {
                <p class="kern-body kern-body--small">{{ 'members.documents.files' | transloco }} {{ fileNames(d) }}</p>
              }
            </li>
          }
        </ul>
        @if (nextCursor()) {
          <p class="kern-body">
            <button type="button" class="kern-btn kern-btn--secondary" (click)="load(false)" [disabled]="loading()" data-more>
              <span class="kern-label">{{ 'members.more' | transloco }}</span>
            </button>
          </p>
        }
      }
    </section>
  `,
})
export class MyDocumentsPage {
  private readonly api = inject(MembersApi);
  protected readonly context = inject(OfficeContext);

  protected readonly maxQuery = MAX_DOCUMENT_QUERY;
  protected readonly draft = signal('');
  protected readonly query = signal('');
  protected readonly rows = signal<MyDocumentDto[] | null>(null);
  protected readonly nextCursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<unknown>(null);

  protected readonly exporting = signal(false);
  protected readonly exportStatus = signal('');
  private readonly document = inject(DOCUMENT);

  /** Downloads all of the member's private notes in this authority as JSON (their own data). t(members.annotations.failed) */
  protected exportNotes(): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    this.api.exportAnnotations(this.context.slug()).subscribe({
      next: (body) => {
        this.exporting.set(false);
        const url = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }));
        const a = this.document.createElement('a');
        a.href = url;
        a.download = `ratsinfo-notizen-${body.tenant.slug}-${body.exportedAt.slice(0, 10)}.json`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        this.exportStatus.set('');
      },
      error: () => {
        this.exporting.set(false);
        this.exportStatus.set('members.annotations.failed');
      },
    });
  }

  protected paperLink(id: string): string[] {
    return officeLink(this.context.slug(), 'vorlagen', id);
  }

  protected fileNames(d: MyDocumentDto): string {
    return d.files.map((f) => f.name).join(', ');
  }

  protected search(event: Event): void {
    event.preventDefault();
    this.query.set(this.draft().trim());
    this.load(true);
  }

  load(fresh: boolean): void {
    const q = this.query();
    if (fresh) {
      this.rows.set(null);
      this.nextCursor.set(null);
      this.error.set(null);
    }
    this.loading.set(true);
    this.api.documents(this.context.slug(), q, fresh ? null : this.nextCursor()).subscribe({
      next: (page) => {
        if (q !== this.query()) return;
        this.rows.set([...(fresh ? [] : (this.rows() ?? [])), ...page.data]);
        this.nextCursor.set(page.nextCursor);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.loading.set(false);
        this.error.set(e);
      },
    });
  }

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, members.documents.heading) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'members.documents.heading' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(members.title.documents) */
    effect(() => pageTitle.set('members.title.documents', { tenant: this.context.tenantName() }));
    effect(() => {
      this.context.slug();
      queueMicrotask(() => this.load(true));
    });
  }
}
