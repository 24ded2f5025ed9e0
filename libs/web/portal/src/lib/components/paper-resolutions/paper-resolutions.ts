import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { PortalPaperResolution, PublicResolutionStatus } from '@ratsinfo/contracts';
import { formatDate } from '@ratsinfo/web-ui';

/** The public status in words and as a KERN badge (icon + words, never colour only). */
export const PUBLIC_RESOLUTION_STATUS: Readonly<Record<PublicResolutionStatus, { key: string; variant: string; icon: string }>> = {
  /** t(resolutions.public.status.open, resolutions.public.status.in_progress, resolutions.public.status.done) */
  open: { key: 'resolutions.public.status.open', variant: 'info', icon: 'info' },
  in_progress: { key: 'resolutions.public.status.in_progress', variant: 'warning', icon: 'autorenew' },
  done: { key: 'resolutions.public.status.done', variant: 'success', icon: 'success' },
};

/**
 * "Beschlüsse und Umsetzung" of a public paper: each resolution taken on it in a public session,
 * with its meeting and agenda item, the words of the decision, and how far its execution is.
 */
@Component({
  selector: 'ri-paper-resolutions',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="ri-resolutions">
      @for (r of items(); track $index) {
        <li class="ri-resolutions__item" data-resolution>
          <h3 class="kern-heading-small ri-resolutions__head">
            <a class="kern-link" [routerLink]="['/', tenantSlug(), 'sitzungen', r.meeting.id]">{{ r.meeting.name }}</a>,
            <time [attr.datetime]="r.meeting.start">{{ r.date }}</time>
            @if (r.agendaItemNumber) {
              <span>, {{ 'resolutions.public.item' | transloco: { number: r.agendaItemNumber } }}</span>
            }
          </h3>
          <p class="kern-body ri-resolutions__status">
            <span>{{ 'resolutions.public.statusLabel' | transloco }}</span>&ngsp;
            <span class="kern-badge" [class]="'kern-badge--' + r.badge.variant" [attr.data-status]="r.status">
              <span class="kern-icon" [class]="'kern-icon--' + r.badge.icon" aria-hidden="true"></span>
              <span class="kern-label">{{ r.badge.key | transloco }}</span>
            </span>
          </p>
          @if (r.resolutionText) {
            <blockquote class="kern-body ri-resolutions__text">{{ r.resolutionText }}</blockquote>
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .ri-resolutions {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .ri-resolutions__item {
      padding-block: var(--kern-metric-space-default, 16px);
      border-bottom: 1px solid var(--kern-color-layout-border, #767676);
    }
    .ri-resolutions__item:first-child {
      padding-top: 0;
    }
    .ri-resolutions__head {
      margin: 0 0 var(--kern-metric-space-small, 8px);
      overflow-wrap: anywhere;
    }
    .ri-resolutions__head .kern-link {
      display: inline;
      padding-block: 0;
    }
    .ri-resolutions__status {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--kern-metric-space-small, 8px);
      margin: 0 0 var(--kern-metric-space-small, 8px);
    }
    .ri-resolutions__status .kern-badge {
      min-height: auto;
      white-space: nowrap;
    }
    .ri-resolutions__text {
      margin: 0;
      padding-inline-start: var(--kern-metric-space-default, 16px);
      border-left: 4px solid var(--kern-color-layout-border, #767676);
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
  `,
})
export class PaperResolutions {
  private readonly transloco = inject(TranslocoService);
  private readonly language = toSignal(this.transloco.langChanges$, { initialValue: this.transloco.getActiveLang() });

  readonly resolutions = input.required<readonly PortalPaperResolution[]>();
  readonly tenantSlug = input.required<string>();

  protected readonly items = computed(() =>
    this.resolutions().map((r) => ({ ...r, badge: PUBLIC_RESOLUTION_STATUS[r.status], date: formatDate(r.meeting.start, this.language()) })),
  );
}
