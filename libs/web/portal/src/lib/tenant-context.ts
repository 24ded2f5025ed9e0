import { Signal } from '@angular/core';
import { TenantSummary } from '@ratsinfo/contracts';

/**
 * The member authority of the current `/:tenant/...` route, provided by the tenant layout to the
 * pages below it. `summary` is set once the authority has loaded; the layout renders its child
 * pages only then, and shows the not-found / suspended / error states itself.
 */
export abstract class TenantContext {
  /** Slug from the URL, e.g. `burg`. */
  abstract readonly slug: Signal<string>;
  /** The loaded authority. */
  abstract readonly summary: Signal<TenantSummary | undefined>;
}
