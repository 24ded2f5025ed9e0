import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

/** One step of the breadcrumb trail: a translation key or a literal name (e.g. of an authority). */
export interface BreadcrumbItem {
  /** Translation key of the label. */
  labelKey?: string;
  /** Parameters of the translated label, e.g. `{ year: 2025 }`. */
  labelParams?: Record<string, unknown>;
  /** Literal label, used when there is no `labelKey`. */
  label?: string;
  /** Router link; omitted for the current page. */
  link?: string | readonly string[];
}

/** Breadcrumb navigation ("Sie sind hier"); the last item is the current page. */
@Component({
  selector: 'ri-breadcrumbs',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './breadcrumbs.html',
  styleUrl: './breadcrumbs.css',
})
export class Breadcrumbs {
  readonly items = input.required<readonly BreadcrumbItem[]>();
}
