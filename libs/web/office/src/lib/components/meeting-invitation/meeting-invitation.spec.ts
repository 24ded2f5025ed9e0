import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MailRoutes, type MeetingMailDto, type MeetingMailListDto } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { MeetingInvitation } from './meeting-invitation';

const meetingId = '5b0c7c1e-1d2a-4c3b-8e4f-0a1b2c3d4e5f';
const mail = (id: string, over: Partial<MeetingMailDto>): MeetingMailDto => ({
  id,
  recipientName: `Person ${id}`,
  recipientEmail: `${id}@example.org`,
  template: 'meeting-invitation',
  kind: 'invitation',
  sequence: 1,
  status: 'sent',
  acceptedAt: '2026-03-02T09:00:00.000Z',
  lastError: null,
  createdAt: '2026-03-02T09:00:00.000Z',
  ...over,
});

describe('MeetingInvitation', () => {
  let http: HttpTestingController;

  async function render(data: MeetingMailDto[]) {
    TestBed.configureTestingModule({ imports: [MeetingInvitation, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(MeetingInvitation);
    fixture.componentRef.setInput('slug', 'burg');
    fixture.componentRef.setInput('meetingId', meetingId);
    fixture.componentRef.setInput('version', 3);
    fixture.detectChanges();
    const list: MeetingMailListDto = { meetingId, version: 3, cancelled: false, sequence: 3, invitedAt: '2026-03-01T09:00:00.000Z', pendingRequests: 0, data };
    http.expectOne(MailRoutes.mails('burg', meetingId)).flush(list);
    http.expectOne(MailRoutes.guests('burg', meetingId)).flush({ data: [] });
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      fixture.detectChanges();
    }
    return fixture.nativeElement as HTMLElement;
  }

  afterEach(() => http.verify());

  it('labels each mail by what it is: the kind of a meeting-invitation record, else the template', async () => {
    const element = await render([
      mail('a', { kind: 'cancellation', sequence: 3 }),
      mail('b', { kind: 'update', sequence: 2 }),
      mail('c', { kind: 'invitation', sequence: 1 }),
      mail('d', { template: 'meeting-reminder', kind: null, sequence: null }),
      mail('e', { template: 'absence-notice', kind: null, sequence: null }),
      mail('f', { template: 'plain', kind: null, sequence: null }),
    ]);
    const kinds = Array.from(element.querySelectorAll('[data-recipients] tbody tr')).map((r) => r.querySelectorAll('td')[1]?.textContent?.replace(/\s+/g, ' ').trim());
    expect(kinds).toEqual(['Absage (Fassung 3)', 'Aktualisierung (Fassung 2)', 'Einladung (Fassung 1)', 'Erinnerung', 'Abwesenheitsmitteilung', 'Nachricht']);
  });
});
