import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AttendanceRoutes, type AttendanceViewDto, type ExpectedAttendeeDto, StructureRoutes } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { OfficeAttendancePage } from './attendance-page';
import { officeContextOf, settle } from '../../../testing/harness';

const MEETING = 'a1111111-1111-4111-8111-111111111111';
const pid = (n: number) => `b0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const member = (n: number, overrides: Partial<ExpectedAttendeeDto> = {}): ExpectedAttendeeDto => ({
  personId: pid(n),
  name: `Person ${n}`,
  kind: 'member',
  membershipRole: 'Mitglied',
  votingRight: true,
  deputyFor: [],
  attendance: null,
  absenceNotice: null,
  ...overrides,
});

function viewOf(overrides: Partial<AttendanceViewDto> = {}): AttendanceViewDto {
  return {
    meetingId: MEETING,
    meetingName: 'Sitzung des Stadtrates',
    organizationName: 'Stadtrat',
    start: '2026-03-04T17:00:00.000Z',
    end: '2026-03-04T20:00:00.000Z',
    meetingState: 'held',
    cancelled: false,
    version: 3,
    recordable: true,
    attendees: [
      member(1, { attendance: { status: 'present', role: 'member', deputyFor: null, arrivedAt: null, leftAt: null, note: null, updatedAt: '2026-03-04T17:00:00.000Z' } }),
      member(2, { absenceNotice: { id: 'n1', reason: 'Urlaub', createdAt: '2026-03-01T10:00:00.000Z' } }),
      member(3, { kind: 'deputy', votingRight: false, membershipRole: 'Stellvertretung', deputyFor: [{ personId: pid(2), name: 'Person 2' }] }),
    ],
    guests: [],
    quorum: { votingSeats: 13, presentVoting: 6, required: 7, quorate: false, at: '2026-03-04T20:00:00.000Z' },
    ...overrides,
  };
}

describe('attendance /:tenant/verwaltung/sitzungen/:meetingId/anwesenheit', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter([{ path: ':tenant/verwaltung/sitzungen/:meetingId/anwesenheit', component: OfficeAttendancePage }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        officeContextOf(['clerk']),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  const page = () => harness.routeNativeElement as HTMLElement;
  const row = (n: number) => page().querySelector<HTMLElement>(`[data-testid="attendance-row"][data-person="${pid(n)}"]`)!;
  const radio = (n: number, status: string) => row(n).querySelector<HTMLInputElement>(`input[type="radio"][value="${status}"]`)!;

  async function open(view: AttendanceViewDto): Promise<void> {
    await harness.navigateByUrl(`/burg/verwaltung/sitzungen/${MEETING}/anwesenheit`);
    http.expectOne(AttendanceRoutes.list('burg', MEETING)).flush(view);
    await settle(harness);
    if (view.recordable) http.expectOne((r) => r.url === StructureRoutes.persons('burg')).flush({ data: [] });
    await settle(harness);
  }

  it('shows the quorum in words in a live region, the attendees with their radio group, deputies and notices', async () => {
    await open(viewOf());
    const quorum = page().querySelector('[data-testid="attendance-quorum"]')!;
    expect(quorum.getAttribute('role')).toBe('status');
    expect(quorum.getAttribute('aria-live')).toBe('polite');
    expect(quorum.textContent).toContain('Nicht beschlussfähig: 6 von 13 stimmberechtigten Mitgliedern anwesend (erforderlich: 7)');
    expect(page().querySelector('h1')!.textContent).toContain('Anwesenheit und Beschlussfähigkeit');
    expect(page().querySelectorAll('[data-testid="attendance-row"]')).toHaveLength(3);
    // Each person's radios are one named group with a legend naming the person.
    const legend = row(1).querySelector('fieldset legend')!;
    expect(legend.textContent).toContain('Anwesenheit von Person 1');
    expect(radio(1, 'present').checked).toBe(true);
    expect([...row(1).querySelectorAll('label.kern-label')].map((l) => l.textContent!.trim())).toEqual(['anwesend', 'entschuldigt', 'abwesend']);
    for (const input of row(1).querySelectorAll('input')) expect(page().querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    // Times only for the present.
    expect(row(1).querySelector<HTMLInputElement>('input[type="time"]')!.disabled).toBe(false);
    expect(row(2).querySelector<HTMLInputElement>('input[type="time"]')!.disabled).toBe(true);
    expect(row(2).querySelector('[data-testid="attendance-notice"]')!.textContent).toContain('Abmeldung liegt vor: Urlaub');
    expect(row(2).querySelector('[data-testid="attendance-suggestion"]')!.textContent).toContain('Vorschlag: entschuldigt (Abmeldung)');
    expect(row(3).textContent).toContain('Stellvertretung für Person 2');
  });

  it('says "Beschlussfähig" when quorate', async () => {
    await open(viewOf({ quorum: { votingSeats: 13, presentVoting: 7, required: 7, quorate: true, at: null } }));
    expect(page().querySelector('[data-testid="attendance-quorum"]')!.textContent).toContain('Beschlussfähig: 7 von 13 stimmberechtigten Mitgliedern anwesend (erforderlich: 7)');
  });

  it('saves a status change at once and shows the new quorum; a deputy is saved as standing in for their member', async () => {
    await open(viewOf());
    radio(3, 'present').click();
    let req = http.expectOne(AttendanceRoutes.one('burg', MEETING, pid(3)));
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ status: 'present', role: 'deputy', deputyForPersonId: pid(2) });
    req.flush(viewOf({ quorum: { votingSeats: 13, presentVoting: 7, required: 7, quorate: true, at: '2026-03-04T20:00:00.000Z' } }));
    await settle(harness);
    expect(page().querySelector('[data-testid="attendance-quorum"]')!.textContent).toContain('Beschlussfähig: 7 von 13');
    expect(page().querySelector('[data-testid="attendance-status"]')!.textContent).toContain('Anwesenheit von Person 3 gespeichert.');

    // The suggestion from the absence notice: one click records "excused".
    row(2).querySelector<HTMLButtonElement>('[data-testid="attendance-suggestion"] button')!.click();
    req = http.expectOne(AttendanceRoutes.one('burg', MEETING, pid(2)));
    expect(req.request.body).toEqual({ status: 'excused', role: 'member', arrivedAt: null, leftAt: null });
    req.flush(viewOf());
    await settle(harness);
  });

  it('sends a late arrival as the time on the meeting’s Berlin day; refuses leaving before arriving without a request', async () => {
    await open(viewOf());
    const [arrived, left] = [...row(1).querySelectorAll<HTMLInputElement>('input[type="time"]')];
    arrived!.value = '18:30';
    arrived!.dispatchEvent(new Event('change'));
    const req = http.expectOne(AttendanceRoutes.one('burg', MEETING, pid(1)));
    expect(req.request.body).toMatchObject({ status: 'present', role: 'member', arrivedAt: '2026-03-04T17:30:00.000Z' });
    req.flush(
      viewOf({
        attendees: [member(1, { attendance: { status: 'present', role: 'member', deputyFor: null, arrivedAt: '2026-03-04T17:30:00.000Z', leftAt: null, note: null, updatedAt: '2026-03-04T17:00:00.000Z' } })],
      }),
    );
    await settle(harness);
    left!.value = '18:00';
    left!.dispatchEvent(new Event('change'));
    http.expectNone(AttendanceRoutes.one('burg', MEETING, pid(1)));
    await settle(harness);
    expect(row(1).querySelector('.kern-error')!.textContent).toContain('Das Gehen muss nach der Ankunft liegen');
    // The refused time is not left in the field.
    expect(left!.value).toBe('');
  });

  it('keeps one save per person in flight and sends the latest choice afterwards', async () => {
    await open(viewOf());
    radio(2, 'present').click();
    radio(2, 'absent').click();
    const first = http.expectOne(AttendanceRoutes.one('burg', MEETING, pid(2)));
    expect(first.request.body.status).toBe('present');
    first.flush(viewOf());
    await settle(harness);
    const second = http.expectOne(AttendanceRoutes.one('burg', MEETING, pid(2)));
    expect(second.request.body.status).toBe('absent');
    second.flush(viewOf());
    await settle(harness);
  });

  it('announces a refused save with the API’s reason', async () => {
    await open(viewOf());
    radio(2, 'present').click();
    http
      .expectOne(AttendanceRoutes.one('burg', MEETING, pid(2)))
      .flush(
        { type: 'https://ratsinfo.example/problems/validation', title: 'Invalid input', status: 400, errors: [{ name: 'role', reason: 'not a member' }] },
        { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
      );
    await settle(harness);
    expect(page().querySelector('[data-testid="attendance-status"]')!.textContent).toContain('konnte nicht gespeichert werden');
    expect(row(2).querySelector('.kern-error')!.textContent).toContain('role: not a member');
    expect(radio(2, 'present').checked).toBe(false);
  });

  it('disables recording for a planned meeting and says why', async () => {
    await open(viewOf({ meetingState: 'planned', recordable: false }));
    expect(page().querySelector('[data-testid="attendance-not-recordable"]')!.textContent).toContain('Stand der Sitzung: geplant');
    expect(radio(1, 'present').disabled).toBe(true);
    expect(page().querySelector('[data-testid="attendance-guest-form"]')).toBeNull();
  });

  it('adds a guest from the authority’s persons', async () => {
    await harness.navigateByUrl(`/burg/verwaltung/sitzungen/${MEETING}/anwesenheit`);
    http.expectOne(AttendanceRoutes.list('burg', MEETING)).flush(viewOf());
    await settle(harness);
    http.expectOne((r) => r.url === StructureRoutes.persons('burg')).flush({
      data: [pid(1), pid(9)].map((id, i) => ({ id, name: `x${i}`, givenName: i ? 'Gerda' : 'Person', familyName: i ? 'Gast' : '1' })),
    });
    await settle(harness);
    const select = page().querySelector<HTMLSelectElement>('#attendance-guest')!;
    // Person 1 is expected already: only Gerda Gast is offered.
    expect([...select.options].map((o) => o.textContent!.trim())).toEqual(['Bitte wählen', 'Gast, Gerda']);
    select.value = pid(9);
    select.dispatchEvent(new Event('change'));
    page().querySelector<HTMLButtonElement>('[data-testid="attendance-guest-add"]')!.click();
    const req = http.expectOne(AttendanceRoutes.one('burg', MEETING, pid(9)));
    expect(req.request.body).toEqual({ status: 'present', role: 'guest' });
    req.flush(
      viewOf({ guests: [{ personId: pid(9), name: 'Gerda Gast', attendance: { status: 'present', role: 'guest', deputyFor: null, arrivedAt: null, leftAt: null, note: null, updatedAt: '2026-03-04T17:00:00.000Z' } }] }),
    );
    await settle(harness);
    expect(row(9).textContent).toContain('Gast');
  });
});
