import { signal, type Provider } from '@angular/core';
import type { RouterTestingHarness } from '@angular/router/testing';
import type { TenantRole } from '@ratsinfo/contracts';
import { OfficeContext } from '../lib/office-context';

/** The office context of Stadt Burg as the pages read it, for someone with `roles`. */
export function officeContextOf(roles: readonly TenantRole[] = ['clerk']): Provider {
  return {
    provide: OfficeContext,
    useValue: { slug: signal('burg'), tenantName: signal('Stadt Burg'), roles: signal<readonly TenantRole[]>(roles), isAdmin: signal(roles.includes('tenant-admin')), session: signal(undefined) },
  };
}

/** Lets answered requests, signals and the resulting renders settle (a few macrotask turns). */
export async function settle(harness: RouterTestingHarness, turns = 4): Promise<void> {
  for (let i = 0; i < turns; i++) {
    await new Promise((resolve) => setTimeout(resolve));
    harness.detectChanges();
  }
}
