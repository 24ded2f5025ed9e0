import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { type MeetingLifecycleDto, MeetingLifecycleRoutes, ProblemType } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { MeetingLifecycle } from './meeting-lifecycle';

const meetingId = '5b0c7c1e-1d2a-4c3b-8e4f-0a1b2c3d4e5f';
const planned: MeetingLifecycleDto = {
  meetingId,
  state: 'planned',
  allowedTransitions: ['invited', 'cancelled'],
  version: 3,
  invitedAt: null,
  urgentReason: null,
  startedAt: null,
  closedAt: null,
  cancelledReason: null,
  minutesApprovedByItemId: null,
  approvalCandidates: [],
  notice: { noticePeriodDays: 7, invitationDeliveryDays: 1, meetingDate: '2026-12-17', latestTimelyDate: '2026-12-08', timelyNow: false },
};
const problem = (status: number, type: string, extra: Record<string, unknown> = {}) => ({ type, title: 'x', status, detail: 'x', ...extra });

describe('MeetingLifecycle', () => {
  let http: HttpTestingController;
  const transitions = MeetingLifecycleRoutes.transitions('burg', meetingId);

  async function settle(fixture: { detectChanges(): void }) {
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      fixture.detectChanges();
    }
  }

  async function render(lifecycle: MeetingLifecycleDto = planned) {
    TestBed.configureTestingModule({ imports: [MeetingLifecycle, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MeetingLifecycle);
    const changed: MeetingLifecycleDto[] = [];
    fixture.componentInstance.changed.subscribe((l) => changed.push(l));
    fixture.componentRef.setInput('slug', 'burg');
    fixture.componentRef.setInput('meetingId', meetingId);
    fixture.componentRef.setInput('version', lifecycle.version);
    fixture.detectChanges();
    http.expectOne(MeetingLifecycleRoutes.lifecycle('burg', meetingId)).flush(lifecycle);
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement, changed };
  }
  const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  afterEach(() => http.verify());

  it('shows the state, the latest timely date in words and one button per allowed step (the cancellation has its own form)', async () => {
    const { element } = await render();
    expect(text(element.querySelector('[data-lifecycle-state]'))).toBe('geplant');
    expect(text(element.querySelector('[data-latest-timely]'))).toContain('8. Dezember 2026');
    expect(text(element.querySelector('[data-notice-expired]'))).toBe('Frist abgelaufen');
    expect(Array.from(element.querySelectorAll('[data-transition]')).map((b) => b.getAttribute('data-transition'))).toEqual(['invited']);
    expect(element.querySelector('[data-urgent-form]')).toBeNull();
  });

  it('a late invitation is refused with the latest date; "Dringlich einladen" sends the reason with the same version; the result is announced', async () => {
    const { fixture, element, changed } = await render();
    (element.querySelector('[data-transition="invited"]') as HTMLButtonElement).click();
    const first = http.expectOne(transitions);
    expect([first.request.body, first.request.headers.get('If-Match')]).toEqual([{ to: 'invited' }, '"3"']);
    first.flush(problem(409, ProblemType.conflict, { latestTimelyDate: '2026-12-08' }), { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    const alert = element.querySelector('[data-lifecycle-error]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(text(alert)).toContain('Ladungsfrist ist abgelaufen');
    expect(text(alert)).toContain('8. Dezember 2026');
    const reason = element.querySelector('#lifecycle-urgent-reason') as HTMLTextAreaElement;
    expect(reason).not.toBeNull();
    expect(text(element.querySelector('label[for="lifecycle-urgent-reason"]'))).toBe('Begründung der Dringlichkeit');

    // Without a reason nothing is sent.
    (element.querySelector('[data-urgent-submit]') as HTMLButtonElement).click();
    await settle(fixture);
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    http.expectNone(transitions);

    reason.value = 'Fördermittelfrist';
    reason.dispatchEvent(new Event('input'));
    (element.querySelector('[data-urgent-submit]') as HTMLButtonElement).click();
    const urgent = http.expectOne(transitions);
    expect([urgent.request.body, urgent.request.headers.get('If-Match')]).toEqual([{ to: 'invited', urgentReason: 'Fördermittelfrist' }, '"3"']);
    const invited: MeetingLifecycleDto = { ...planned, state: 'invited', allowedTransitions: ['running', 'cancelled'], version: 4, invitedAt: '2026-12-10T09:00:00.000Z', urgentReason: 'Fördermittelfrist' };
    urgent.flush(invited);
    await settle(fixture);
    expect(text(element.querySelector('[data-lifecycle-state]'))).toBe('eingeladen');
    expect(text(element.querySelector('[data-lifecycle-urgent]'))).toBe('Fördermittelfrist');
    expect(element.querySelector('[data-lifecycle-error]')).toBeNull();
    expect(element.querySelector('[data-urgent-form]')).toBeNull();
    const status = element.querySelector('[data-lifecycle-status]');
    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(text(status)).toContain('dringliche Einladung ist angefordert');
    expect(changed.map((c) => c.version)).toEqual([4]);
    expect(Array.from(element.querySelectorAll('[data-transition]')).map((b) => b.getAttribute('data-transition'))).toEqual(['running']);
  });

  it('explains a 409 with the allowed steps in German and a 412 by taking over the current state', async () => {
    const invited: MeetingLifecycleDto = { ...planned, state: 'invited', allowedTransitions: ['running', 'cancelled'], version: 5, invitedAt: '2026-12-01T09:00:00.000Z' };
    const { fixture, element, changed } = await render(invited);
    (element.querySelector('[data-transition="running"]') as HTMLButtonElement).click();
    http.expectOne(transitions).flush(problem(409, ProblemType.conflict, { allowed: ['held', 'cancelled'] }), { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    expect(text(element.querySelector('[data-lifecycle-error]'))).toContain('Möglich ist jetzt: »durchgeführt«, »abgesagt«');
    // After a conflict the panel reads the lifecycle again.
    http.expectOne(MeetingLifecycleRoutes.lifecycle('burg', meetingId)).flush(invited);
    await settle(fixture);

    (element.querySelector('[data-transition="running"]') as HTMLButtonElement).click();
    const running: MeetingLifecycleDto = { ...invited, state: 'running', allowedTransitions: ['held', 'cancelled'], version: 6, startedAt: '2026-12-17T16:00:00.000Z' };
    http.expectOne(transitions).flush(problem(412, ProblemType.staleVersion, { current: running }), { status: 412, statusText: 'Precondition Failed' });
    await settle(fixture);
    expect(text(element.querySelector('[data-lifecycle-error]'))).toContain('von jemand anderem geändert');
    expect(text(element.querySelector('[data-lifecycle-state]'))).toBe('läuft');
    expect(changed.map((c) => c.version)).toEqual([6]);
    expect(Array.from(element.querySelectorAll('[data-transition]')).map((b) => b.getAttribute('data-transition'))).toEqual(['held']);
  });
  it('approving the minutes offers the approval items of later meetings, the accepted one chosen, and sends its id', async () => {
    const drafted: MeetingLifecycleDto = {
      ...planned,
      state: 'minutes_drafted',
      allowedTransitions: ['minutes_approved', 'held'],
      version: 9,
      approvalCandidates: [
        { itemId: 'a1111111-1111-4111-8111-111111111111', number: 'Ö 3', name: 'Genehmigung der Niederschrift der Sitzung vom 12.11.2026', meetingId: 'm2', meetingName: 'Sitzung des Stadtrates', meetingStart: '2026-12-10T17:00:00.000Z', accepted: false },
        { itemId: 'b2222222-2222-4222-8222-222222222222', number: 'Ö 2', name: 'Genehmigung der Niederschrift der Sitzung vom 12.11.2026', meetingId: 'm3', meetingName: 'Sitzung des Stadtrates', meetingStart: '2026-12-17T17:00:00.000Z', accepted: true },
      ],
    };
    const { fixture, element } = await render(drafted);
    (element.querySelector('[data-transition="minutes_approved"]') as HTMLButtonElement).click();
    await settle(fixture);
    const radios = Array.from(element.querySelectorAll<HTMLInputElement>('[data-approval-candidate]'));
    expect(radios.map((r) => [r.disabled, r.checked])).toEqual([
      [true, false],
      [false, true],
    ]);
    expect(text(element.querySelector('legend'))).toBe('Genehmigender Tagesordnungspunkt');
    expect(text(radios[0]!.closest('.kern-form-check'))).toContain('noch nicht angenommen');
    (element.querySelector('[data-approve-submit]') as HTMLButtonElement).click();
    const sent = http.expectOne(transitions);
    expect([sent.request.body, sent.request.headers.get('If-Match')]).toEqual([{ to: 'minutes_approved', approvedByItemId: 'b2222222-2222-4222-8222-222222222222' }, '"9"']);
    sent.flush({ ...drafted, state: 'minutes_approved', allowedTransitions: [], version: 10, minutesApprovedByItemId: 'b2222222-2222-4222-8222-222222222222' });
    await settle(fixture);
    expect(text(element.querySelector('[data-lifecycle-state]'))).toBe('Niederschrift genehmigt');
  });

  it('says how to add the approval item when no later meeting approves the minutes yet', async () => {
    const drafted: MeetingLifecycleDto = { ...planned, state: 'minutes_drafted', allowedTransitions: ['minutes_approved', 'held'], version: 9 };
    const { fixture, element } = await render(drafted);
    (element.querySelector('[data-transition="minutes_approved"]') as HTMLButtonElement).click();
    await settle(fixture);
    expect(text(element.querySelector('[data-approve-none]'))).toContain('Genehmigung der Niederschrift');
    expect(element.querySelector('[data-approve-submit]')).toBeNull();
  });
});
