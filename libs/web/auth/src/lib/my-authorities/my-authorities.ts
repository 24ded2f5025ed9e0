import { Injectable, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { MyAuthorityDto } from '@ratsinfo/contracts';
import { OfficeApi } from '@ratsinfo/web-data-access';
import { AuthService } from '../auth.service';

/**
 * The authorities where the signed-in person has a role (`GET /api/me/authorities`), loaded once
 * per sign-in: the source of the authority switcher and of "Zum Verwaltungsbereich", which must
 * only show where the person has a role.
 */
@Injectable({ providedIn: 'root' })
export class MyAuthorities {
  private readonly auth = inject(AuthService);
  private readonly api = inject(OfficeApi);

  private readonly resource = rxResource({
    // Keyed by who is signed in: a different person (or realm) loads their own list.
    params: () => {
      const user = this.auth.user();
      return user ? `${user.realm}|${user.username ?? user.email ?? user.name}` : undefined;
    },
    stream: () => this.api.myAuthorities(),
  });

  /** The authorities, empty while signed out, loading or after a failed load. */
  readonly list = computed<readonly MyAuthorityDto[]>(() => (this.resource.hasValue() ? this.resource.value() : []));
  /** True once the list has loaded for the signed-in person. */
  readonly loaded = computed(() => this.resource.hasValue());

  /** Whether the signed-in person has a role in the authority `slug`. */
  hasRoleIn(slug: string): boolean {
    return this.list().some((authority) => authority.slug === slug);
  }

  reload(): void {
    this.resource.reload();
  }
}
