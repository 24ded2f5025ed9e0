import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { DeadLetterRoutes, type DeadLetterDto, type PagedResponse } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { OfficeDeadLettersPage } from './dead-letters-page';
import { officeContextOf, settle } from '../../../testing/harness';

const MEETING = 'd1111111-1111-4111-8111-111111111111';
const letter = (n: number, overrides: Partial<DeadLetterDto> = {}): DeadLetterDto => ({
  id: `e0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  topic: 'mail.send',
  labelKey: 'deadLetters.topics.mailSend',
  createdAt: '2026-12-01T09:00:00.000Z',
  deadAt: '2026-12-01T10:00:00.000Z',
  attempts: 5,
  lastError: 'smtp-rejected: 550 mailbox unavailable',
  refersTo: { kind: 'mail', id: 'f0000000-0000-4000-8000-000000000001', name: 'Erika Mitglied <erika@burg.example>', date: null, detail: 'meeting-invitation', meetingId: MEETING },
  ...overrides,
});

describe('failed jobs /:tenant/verwaltung/fehlgeschlagene-auftraege', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter([{ path: ':tenant/verwaltung/fehlgeschlagene-auftraege', component: OfficeDeadLettersPage }]),
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

  async function open(body: PagedResponse<DeadLetterDto>): Promise<void> {
    await harness.navigateByUrl('/burg/verwaltung/fehlgeschlagene-auftraege');
    http.expectOne((r) => r.url === DeadLetterRoutes.office('burg')).flush(body);
    await settle(harness);
  }

  it('lists the failed jobs with their label, what they concern, attempts and the full error', async () => {
    await open({ data: [letter(1), letter(2, { topic: 'test.new-topic', labelKey: null, refersTo: null, lastError: null })], nextCursor: null });
    const rows = [...page().querySelectorAll('[data-testid="dead-letter"]')];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector('h2')!.textContent!.trim()).toBe('E-Mail-Versand');
    expect(rows[0]!.textContent).toContain('Erika Mitglied <erika@burg.example>');
    expect(rows[0]!.textContent).toContain('smtp-rejected: 550 mailbox unavailable');
    expect(rows[0]!.querySelector('a')!.getAttribute('href')).toBe(`/burg/verwaltung/sitzungen/${MEETING}`);
    // An unknown topic shows as it is.
    expect(rows[1]!.querySelector('h2')!.textContent!.trim()).toBe('test.new-topic');
    expect(rows[1]!.textContent).toContain('(kein Fehlertext)');
  });

  it('says so when there are none', async () => {
    await open({ data: [], nextCursor: null });
    expect(page().querySelector('[data-testid="dead-letters-empty"]')!.textContent).toContain('Keine fehlgeschlagenen Aufträge');
  });

  it('retries a job, announces it and shows the row as being retried', async () => {
    await open({ data: [letter(1)], nextCursor: null });
    page().querySelector<HTMLButtonElement>('[data-testid="dead-letter"] button')!.click();
    const req = http.expectOne(DeadLetterRoutes.retry('burg', letter(1).id));
    expect(req.request.method).toBe('POST');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await settle(harness);
    expect(page().querySelector('[data-testid="dead-letters-status"]')!.textContent).toContain('Der Auftrag wird erneut versucht.');
    expect(page().querySelector('[data-testid="dead-letter-retrying"]')!.textContent).toContain('Wird erneut versucht.');
    expect(page().querySelector('[data-testid="dead-letter"] button')).toBeNull();
  });

  it('announces a clear message when the job was retried already', async () => {
    await open({ data: [letter(1)], nextCursor: null });
    page().querySelector<HTMLButtonElement>('[data-testid="dead-letter"] button')!.click();
    http
      .expectOne(DeadLetterRoutes.retry('burg', letter(1).id))
      .flush({ type: 'https://ratsinfo.example/problems/conflict', title: 'Conflict', status: 409 }, { status: 409, statusText: 'Conflict', headers: { 'content-type': 'application/problem+json' } });
    await settle(harness);
    expect(page().querySelector('[data-testid="dead-letters-status"]')!.textContent).toContain('bereits erneut versucht');
    expect(page().querySelector('[data-testid="dead-letter"] button')).not.toBeNull();
  });
});
