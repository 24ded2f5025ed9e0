import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PortalApi, isApiError } from '@ratsinfo/web-data-access';
import { Alert, BreadcrumbItem, Breadcrumbs, CLOCK, Loading, PageTitle } from '@ratsinfo/web-ui';
import { ApiError } from '../../components/api-error/api-error';
import { ConsultationPath } from '../../components/consultation-path/consultation-path';
import { FileList } from '../../components/file-list/file-list';
import { PageHeading } from '../../components/page-heading/page-heading';
import { PaperDate } from '../../components/paper-date/paper-date';
import { PaperList } from '../../components/paper-list/paper-list';
import { PaperResolutions } from '../../components/paper-resolutions/paper-resolutions';
import { ERROR_TITLE_KEYS } from '../../labels';
import { DERIVATION_KEYS } from '../../portal-content-labels';
import { TenantContext } from '../../tenant-context';

/**
 * `/:tenant/vorlagen/:paperId`: a public paper — its facts, where it stands in its consultation
 * path, its documents to open and download, and the papers linked to it.
 */
@Component({
  selector: 'ri-paper-page',
  imports: [RouterLink, TranslocoPipe, Alert, Breadcrumbs, Loading, ApiError, ConsultationPath, FileList, PageHeading, PaperDate, PaperList, PaperResolutions],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './paper-page.html',
  styles: `
    .ri-back-link {
      margin-top: var(--kern-metric-space-x-large, 32px);
    }
    .ri-inline-list {
      display: inline;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .ri-inline-list li {
      display: inline;
    }
    .ri-inline-list li:not(:last-child)::after {
      content: ', ';
    }
  `,
})
export class PaperPage {
  private readonly api = inject(PortalApi);
  private readonly pageTitle = inject(PageTitle);
  protected readonly context = inject(TenantContext);
  protected readonly now = inject(CLOCK)();

  /** Route parameter `:paperId`. */
  readonly paperId = input.required<string>();

  protected readonly paper = rxResource({
    params: () => ({ slug: this.context.slug(), id: this.paperId() }),
    stream: ({ params }) => this.api.getPaper(params.slug, params.id),
  });

  protected readonly derivationKeys = DERIVATION_KEYS;

  protected readonly hasLinks = computed(() => {
    if (!this.paper.hasValue()) return false;
    const p = this.paper.value();
    return !!p.superordinatePaper || p.subordinatePapers.length > 0 || p.derivativePapers.length > 0 || p.relatedPapers.length > 0;
  });

  /** "Paper not found" rather than the generic text: also what a non-public or withdrawn-from-view paper answers. */
  protected readonly errorOverrides = {
    /** t(portalContent.paper.notFound.title, portalContent.paper.notFound.text) */
    'not-found': { title: 'portalContent.paper.notFound.title', text: 'portalContent.paper.notFound.text' },
  };

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, portalContent.papers.breadcrumb, portalContent.paper.breadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.summary()?.name ?? this.context.slug(), link: ['/', this.context.slug()] },
    { labelKey: 'portalContent.papers.breadcrumb', link: ['/', this.context.slug(), 'vorlagen'] },
    this.paper.hasValue() ? { label: this.paper.value().reference } : { labelKey: 'portalContent.paper.breadcrumb' },
  ]);

  constructor() {
    effect(() => {
      const tenant = this.context.summary();
      const error = this.paper.error();
      if (error) {
        /** t(portalContent.title.paperNotFound) */
        this.pageTitle.set(isApiError(error) && error.kind === 'not-found' ? 'portalContent.title.paperNotFound' : ERROR_TITLE_KEYS[isApiError(error) ? error.kind : 'server']);
      } else if (this.paper.hasValue()) {
        const p = this.paper.value();
        /** t(portalContent.title.paper) */
        this.pageTitle.set('portalContent.title.paper', { reference: p.reference, paper: p.name, tenant: tenant?.name ?? '' });
      }
    });
  }
}
