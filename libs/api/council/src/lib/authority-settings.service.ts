import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { TenantDatabase, TenantLifecycle } from '@ratsinfo/api-database';
import { TenantRegistry, TenantResolver } from '@ratsinfo/api-tenancy';
import type { AuthoritySettingsDto } from '@ratsinfo/contracts';

/** An authority's own settings: read from the tenant resolved for this request, changed through the lifecycle function (audited). */
@Injectable()
export class AuthoritySettingsService {
  constructor(
    private readonly resolver: TenantResolver,
    private readonly registry: TenantRegistry,
    private readonly db: TenantDatabase,
    private readonly lifecycle: TenantLifecycle,
    private readonly audit: AuditLog,
  ) {}

  get(): AuthoritySettingsDto {
    return { memberVisibility: this.resolver.current().memberVisibility === 'all_bodies' ? 'all-bodies' : 'own-bodies' };
  }

  async set(wanted: AuthoritySettingsDto): Promise<AuthoritySettingsDto> {
    const before = this.get();
    if (before.memberVisibility !== wanted.memberVisibility) {
      await this.db.transaction(async (tx) => {
        await this.lifecycle.setMemberVisibility(tx, wanted.memberVisibility === 'all-bodies' ? 'all_bodies' : 'own_bodies');
        await this.audit.tenantEvent(tx, {
          action: 'settings.member-visibility-changed',
          entityType: 'tenant',
          entityId: this.resolver.current().id,
          changes: { before: before.memberVisibility, after: wanted.memberVisibility },
        });
      });
      // This replica's next request must not read its in-memory copy before the change
      // notification arrives; the others drop theirs on that notification.
      await this.registry.findFresh(this.resolver.current().id);
    }
    return { memberVisibility: wanted.memberVisibility };
  }
}
