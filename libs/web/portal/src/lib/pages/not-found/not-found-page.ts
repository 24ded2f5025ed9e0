import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PageHeading } from '../../components/page-heading/page-heading';

/** Any path the web app does not know. */
@Component({
  selector: 'ri-not-found-page',
  imports: [RouterLink, TranslocoPipe, PageHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ri-page-heading [heading]="'notFound.heading' | transloco" />
    <p class="kern-body">{{ 'notFound.text' | transloco }}</p>
    <p class="kern-body">
      <a class="kern-link" routerLink="/">{{ 'common.toOverview' | transloco }}</a>
    </p>
  `,
})
export class NotFoundPage {}
