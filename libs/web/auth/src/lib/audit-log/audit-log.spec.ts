import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { AuditEventDto } from '@ratsinfo/contracts';
import { AuditPage } from '@ratsinfo/web-data-access';
import { of } from 'rxjs';
import { provideFakeAuth } from '../../testing';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { AuditLog } from './audit-log';

function events(count: number, start: number): AuditEventDto[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `e${start + i}`,
    occurredAt: new Date(Date.UTC(2026, 2, 2, 12) - (start + i) * 60_000).toISOString(),
    actor: { subject: 's', name: 'Anna Admin' },
    actingRole: 'tenant-admin',
    action: 'user-account.roles-changed',
    entityType: 'user-account',
    entityId: null,
    tenantSlug: 'burg',
    changes: null,
  }));
}

describe('AuditLog', () => {
  it('pages by the cursor: older entries ask for the page after the one shown', async () => {
    const requests: AuditPage[] = [];
    const load = (page: AuditPage) => {
      requests.push(page);
      return of(page.cursor ? { data: events(1, 2), nextCursor: null } : { data: events(2, 0), nextCursor: 'after-e1' });
    };
    TestBed.configureTestingModule({ imports: [AuditLog, translocoTesting()], providers: [provideFakeAuth()] });
    const fixture = TestBed.createComponent(AuditLog);
    fixture.componentRef.setInput('load', load);
    fixture.componentRef.setInput('caption', 'Protokoll');
    fixture.componentRef.setInput('pageSize', 2);
    document.body.appendChild(fixture.nativeElement);
    fixture.detectChanges();
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;

    expect(requests).toEqual([{ limit: 2, cursor: undefined }]);
    expect(element.querySelector('[data-audit-range]')?.textContent?.trim()).toBe('Einträge 1 bis 2, neueste zuerst');
    const buttons = () => Array.from(element.querySelectorAll('nav button')) as HTMLButtonElement[];
    expect(buttons().map((b) => b.textContent?.trim())).toEqual(['Ältere Einträge']);

    buttons()[0].click();
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(requests[1]).toEqual({ limit: 2, cursor: 'after-e1' });
    expect(element.querySelector('[data-audit-range]')?.textContent?.trim()).toBe('Einträge 3 bis 3, neueste zuerst');
    expect(TestBed.inject(DOCUMENT).activeElement).toBe(element.querySelector('[data-audit-range]'));
    expect(buttons().map((b) => b.textContent?.trim())).toEqual(['Neuere Einträge']);

    buttons()[0].click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(requests[2]).toEqual({ limit: 2, cursor: undefined });
    fixture.nativeElement.remove();
  });

  it('offers no older page when the API says there is none, even after a full page', async () => {
    TestBed.configureTestingModule({ imports: [AuditLog, translocoTesting()], providers: [provideFakeAuth()] });
    const fixture = TestBed.createComponent(AuditLog);
    fixture.componentRef.setInput('load', () => of({ data: events(2, 0), nextCursor: null }));
    fixture.componentRef.setInput('caption', 'Protokoll');
    fixture.componentRef.setInput('pageSize', 2);
    fixture.detectChanges();
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelectorAll('nav button')).toHaveLength(0);
  });

  it('says so when the log is empty', async () => {
    TestBed.configureTestingModule({ imports: [AuditLog, translocoTesting()], providers: [provideFakeAuth()] });
    const fixture = TestBed.createComponent(AuditLog);
    fixture.componentRef.setInput('load', () => of({ data: [], nextCursor: null }));
    fixture.componentRef.setInput('caption', 'Protokoll');
    fixture.detectChanges();
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Das Protokoll enthält noch keine Einträge.');
  });
});
