import { TestBed } from '@angular/core/testing';
import type { AuditEventDto } from '@ratsinfo/contracts';
import { translocoTesting } from '../../../testing/i18n-testing';
import { AuditLogTable } from './audit-log-table';

const events: AuditEventDto[] = [
  {
    id: 'e1',
    occurredAt: '2026-03-02T09:15:00Z',
    actor: { subject: 's1', name: 'Anna Admin' },
    actingRole: 'tenant-admin',
    action: 'user-account.roles-changed',
    entityType: 'user-account',
    entityId: 'u1',
    tenantSlug: 'burg',
    changes: { before: ['member'], after: ['member', 'clerk'] },
  },
  {
    id: 'e2',
    occurredAt: '2026-03-01T08:00:00Z',
    actor: { subject: null, name: null },
    actingRole: 'operator',
    action: 'tenant.suspended',
    entityType: 'tenant',
    entityId: null,
    tenantSlug: null,
    changes: null,
  },
];

describe('AuditLogTable', () => {
  function render(showTenant: boolean) {
    TestBed.configureTestingModule({ imports: [AuditLogTable, translocoTesting()] });
    const fixture = TestBed.createComponent(AuditLogTable);
    fixture.componentRef.setInput('events', events);
    fixture.componentRef.setInput('caption', 'Protokoll');
    fixture.componentRef.setInput('showTenant', showTenant);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows when, who, in which role, what and on which record', () => {
    const element = render(false);
    expect(element.querySelector('caption')?.textContent).toBe('Protokoll');
    expect(Array.from(element.querySelectorAll('thead th')).map((th) => th.textContent?.trim())).toEqual([
      'Zeitpunkt',
      'Wer',
      'Rolle',
      'Aktion',
      'Betroffen',
    ]);
    const [first, second] = Array.from(element.querySelectorAll('tbody tr')) as HTMLTableRowElement[];
    expect(first.cells[0].textContent?.trim()).toBe('Mo., 02.03.2026, 10:15 Uhr');
    expect(first.cells[1].textContent?.trim()).toBe('Anna Admin');
    expect(first.cells[2].textContent?.trim()).toBe('Administration');
    expect(first.cells[3].querySelector('[data-audit-action]')?.textContent?.trim()).toBe('Rollen geändert');
    expect(first.cells[3].textContent).not.toContain('user-account.roles-changed');
    expect(first.querySelector('details summary')?.textContent).toBe('Änderungen anzeigen');
    const pairs = Array.from(first.querySelectorAll('details dl > div')).map((pair) => [
      pair.querySelector('dt')?.textContent?.trim(),
      pair.querySelector('dd')?.textContent?.replace(/\s+/g, ' ').trim(),
    ]);
    expect(pairs).toEqual([
      ['vorher', 'Mitglied'],
      ['nachher', 'Mitglied, Sachbearbeitung'],
    ]);
    expect(first.textContent).not.toContain('{');
    expect(first.cells[4].textContent?.trim()).toBe('Benutzerkonto');
    expect(first.textContent).not.toContain('u1');
    expect(second.cells[1].textContent?.trim()).toBe('System');
    expect(second.cells[2].textContent?.trim()).toBe('Betrieb (IT-Kooperation)');
    expect(second.cells[3].textContent?.trim()).toBe('Kommune gesperrt');
  });

  it('names the record where the event carries a name, and keeps unknown codes and fields visible', () => {
    TestBed.configureTestingModule({ imports: [AuditLogTable, translocoTesting()] });
    const fixture = TestBed.createComponent(AuditLogTable);
    fixture.componentRef.setInput('events', [
      { ...events[1], id: 'e3', action: 'tenant.onboarding-started', tenantSlug: 'gommern', changes: { name: 'Stadt Gommern', dedicatedRealm: false, firstAdmin: 'a@b.de' } },
      { ...events[0], id: 'e4', action: 'meeting.future-thing', actor: { subject: 'abc-uuid', name: null }, changes: { mystery: { a: 1 } } },
    ]);
    fixture.componentRef.setInput('caption', 'Protokoll');
    fixture.detectChanges();
    const [onboarded, unknown] = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('tbody tr')) as HTMLTableRowElement[];
    expect(onboarded.cells[3].querySelector('[data-audit-action]')?.textContent?.trim()).toBe('Einrichtung begonnen');
    expect(onboarded.cells[4].querySelector('[data-audit-entity-name]')?.textContent).toBe('Stadt Gommern');
    expect(onboarded.querySelector('dl')?.textContent?.replace(/\s+/g, ' ')).toContain('Eigener Anmeldebereich nein');
    expect(unknown.cells[1].textContent?.trim()).toBe('Konto ohne Namen');
    expect(unknown.cells[3].querySelector('code')?.textContent).toBe('meeting.future-thing');
    expect(unknown.querySelector('dl')?.textContent?.replace(/\s+/g, ' ')).toContain('a: 1');
  });

  it('adds the authority column for the cooperative-wide log', () => {
    const element = render(true);
    const rows = Array.from(element.querySelectorAll('tbody tr')) as HTMLTableRowElement[];
    expect(element.querySelectorAll('thead th')).toHaveLength(6);
    expect(rows.map((row) => row.cells[5].textContent?.trim())).toEqual(['burg', 'Kooperation']);
  });
});
