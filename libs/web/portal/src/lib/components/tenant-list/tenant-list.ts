import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { TenantSummary } from '@ratsinfo/contracts';
import { safeHexColour } from '../../colour';
import { TENANT_KIND_KEYS } from '../../labels';

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/** The member authorities as KERN cards, sorted by name; each card links to the authority's portal. */
@Component({
  selector: 'ri-tenant-list',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tenant-list.html',
  styleUrl: './tenant-list.css',
})
export class TenantList {
  readonly tenants = input.required<readonly TenantSummary[]>();

  protected readonly sorted = computed(() => [...this.tenants()].sort((a, b) => collator.compare(a.name, b.name)));
  protected readonly kindKeys = TENANT_KIND_KEYS;
  protected readonly accent = safeHexColour;
}
