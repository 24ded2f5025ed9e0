import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { DeadLetterDto } from '@ratsinfo/contracts';
import { officeLink } from '@ratsinfo/web-auth';
import { DeadLettersApi, isApiError } from '@ratsinfo/web-data-access';
import { Alert, BreadcrumbItem, Breadcrumbs, LanguageService, Loading, PageTitle, formatDate, formatTime } from '@ratsinfo/web-ui';
import { firstValueFrom } from 'rxjs';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { OfficeContext } from '../../office-context';

/**
 * `/:tenant/verwaltung/fehlgeschlagene-auftraege` (clerks, tenant admins): jobs the worker gave up
 * on (a mail that was rejected, an extraction that failed), with the error and what they were
 * about, each with "Erneut versuchen". The outcome of a retry is announced in a live region.
 */
@Component({
  selector: 'ri-office-dead-letters-page',
  imports: [TranslocoPipe, RouterLink, Alert, Breadcrumbs, Loading, OfficeHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-breadcrumbs [items]="breadcrumbs()" />
    <ri-office-heading [heading]="'deadLetters.office.heading' | transloco" [preline]="context.tenantName()" />
    <p class="kern-body">{{ 'deadLetters.office.intro' | transloco }}</p>
    <p class="kern-body ri-dl-status" role="status" aria-live="polite" data-testid="dead-letters-status">{{ status() }}</p>
    @if (list.isLoading() && rows().length === 0) {
      <ri-loading [label]="'deadLetters.office.loading' | transloco" />
    } @else if (list.error()) {
      <ri-alert variant="danger" [heading]="'deadLetters.office.loadFailed' | transloco" role="alert" />
    } @else if (rows().length === 0) {
      <p class="kern-body" data-testid="dead-letters-empty">{{ 'deadLetters.office.empty' | transloco }}</p>
    } @else {
      <ul class="ri-dl-list" [attr.aria-label]="'deadLetters.office.listLabel' | transloco">
        @for (d of rows(); track d.id) {
          <li class="ri-dl-item" data-testid="dead-letter">
            <h2 class="kern-heading-small">{{ d.labelKey ? (d.labelKey | transloco) : d.topic }}</h2>
            <dl class="ri-dl-facts">
              @if (d.refersTo; as r) {
                <dt>{{ 'deadLetters.office.refersTo' | transloco }}</dt>
                <dd>
                  @if (r.meetingId && (r.kind === 'meeting' || r.kind === 'bundle' || r.kind === 'absence')) {
                    <a class="kern-link" [routerLink]="meetingLink(r.meetingId)">{{ r.name ?? ('deadLetters.office.unknownRecord' | transloco) }}</a>
                    @if (r.date) { ({{ when(r.date) }}) }
                  } @else {
                    {{ r.name ?? ('deadLetters.office.unknownRecord' | transloco) }}
                    @if (r.detail) { · {{ r.detail }} }
                    @if (r.meetingId) {
                      · <a class="kern-link" [routerLink]="meetingLink(r.meetingId)">{{ 'deadLetters.office.toMeeting' | transloco }}</a>
                    }
                  }
                </dd>
              }
              <dt>{{ 'deadLetters.office.failedAt' | transloco }}</dt>
              <dd>{{ when(d.deadAt) }}</dd>
              <dt>{{ 'deadLetters.office.createdAt' | transloco }}</dt>
              <dd>{{ when(d.createdAt) }}</dd>
              <dt>{{ 'deadLetters.office.attempts' | transloco }}</dt>
              <dd>{{ d.attempts }}</dd>
              <dt>{{ 'deadLetters.office.error' | transloco }}</dt>
              <dd><code class="ri-dl-error">{{ d.lastError ?? ('deadLetters.office.noError' | transloco) }}</code></dd>
            </dl>
            @if (retried().has(d.id)) {
              <p class="kern-body" data-testid="dead-letter-retrying">{{ 'deadLetters.office.retrying' | transloco }}</p>
            } @else {
              <button type="button" class="kern-btn kern-btn--secondary" [disabled]="busy() === d.id" (click)="retry(d)">
                <span class="kern-label">{{ 'deadLetters.office.retry' | transloco }}</span>
                <span class="ri-sr-only"> – {{ d.labelKey ? (d.labelKey | transloco) : d.topic }}, {{ when(d.deadAt) }}</span>
              </button>
            }
          </li>
        }
      </ul>
      @if (nextCursor()) {
        <button type="button" class="kern-btn kern-btn--tertiary" (click)="more()">
          <span class="kern-label">{{ 'deadLetters.office.more' | transloco }}</span>
        </button>
      }
    }
  `,
  styles: `
    .ri-dl-list {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .ri-dl-item {
      border: 1px solid var(--kern-color-layout-border, #6e7597);
      border-radius: 4px;
      padding: var(--kern-metric-space-default, 16px);
      margin-block-end: var(--kern-metric-space-default, 16px);
    }
    .ri-dl-item h2 {
      margin-block: 0 8px;
    }
    .ri-dl-facts {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 4px 16px;
      margin: 0 0 12px;
    }
    .ri-dl-facts dt {
      font-weight: 600;
    }
    .ri-dl-facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .ri-dl-error {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    @media (max-width: 480px) {
      .ri-dl-facts {
        grid-template-columns: minmax(0, 1fr);
      }
      .ri-dl-facts dd {
        margin-block-end: 8px;
      }
    }
  `,
})
/**
 * Topic labels come from the API as keys (contracts' DEAD_LETTER_TOPIC_KEYS); both consoles show them:
 * t(deadLetters.topics.mailSend, deadLetters.topics.meetingInvitationRequested, deadLetters.topics.absenceNoticed,
 *   deadLetters.topics.mailAccessGranted, deadLetters.topics.fileTextExtractionRequested, deadLetters.topics.bundleMeetingRequested,
 *   deadLetters.topics.tenantProvisioningRequested, deadLetters.topics.tenantExportRequested)
 */
export class OfficeDeadLettersPage {
  private readonly api = inject(DeadLettersApi);
  private readonly language = inject(LanguageService);
  private readonly transloco = inject(TranslocoService);
  protected readonly context = inject(OfficeContext);

  private readonly cursor = signal<string | undefined>(undefined);
  private readonly earlier = signal<readonly DeadLetterDto[]>([]);
  protected readonly list = rxResource({ params: () => ({ slug: this.context.slug(), cursor: this.cursor() }), stream: ({ params }) => this.api.office(params.slug, { cursor: params.cursor }) });
  protected readonly rows = computed(() => [...this.earlier(), ...(this.list.value()?.data ?? [])]);
  protected readonly nextCursor = computed(() => this.list.value()?.nextCursor ?? null);
  protected readonly retried = signal<ReadonlySet<string>>(new Set());
  protected readonly busy = signal<string | null>(null);
  protected readonly status = signal('');

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, deadLetters.office.nav) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'deadLetters.office.nav' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(deadLetters.office.titleOf) */
    effect(() => pageTitle.set('deadLetters.office.titleOf', { tenant: this.context.tenantName() }));
  }

  protected when(iso: string): string {
    const lang = this.language.active();
    return `${formatDate(iso, lang)}, ${formatTime(iso, lang)}`;
  }

  protected meetingLink(meetingId: string) {
    return officeLink(this.context.slug(), 'sitzungen', meetingId);
  }

  protected more(): void {
    this.earlier.set(this.rows());
    this.cursor.set(this.nextCursor() ?? undefined);
  }

  protected async retry(d: DeadLetterDto): Promise<void> {
    this.busy.set(d.id);
    this.status.set('');
    try {
      await firstValueFrom(this.api.retry(this.context.slug(), d.id));
      this.retried.update((s) => new Set([...s, d.id]));
      /** t(deadLetters.office.retried) */
      this.status.set(this.transloco.translate('deadLetters.office.retried'));
    } catch (e) {
      /** t(deadLetters.office.retryConflict, deadLetters.office.retryFailed) */
      this.status.set(this.transloco.translate(isApiError(e) && (e.status === 409 || e.status === 404) ? 'deadLetters.office.retryConflict' : 'deadLetters.office.retryFailed'));
    } finally {
      this.busy.set(null);
    }
  }
}
