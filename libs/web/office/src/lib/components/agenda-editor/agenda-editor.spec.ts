import { LiveAnnouncer } from '@angular/cdk/a11y';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { type AgendaDto, MeetingRoutes, ProblemType } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { AgendaEditor } from './agenda-editor';
import { type DraftItem, draftFrom, indent, moveDown, moveUp, switchPart } from './agenda-draft';

/** Item ids are UUIDs (the editor checks the agenda with the API's schema before saving). */
const uuid = (short: string) => `00000000-0000-4000-8000-${short.padStart(12, '0')}`;
const short = (id: string) => id.slice(24).replace(/^0+/, '');

const item = (short: string, name: string, extra: Partial<AgendaDto['items'][number]> = {}): AgendaDto['items'][number] => ({
  id: uuid(short), order: 0, number: null, level: 1, name, public: true, result: null, urgent: false, urgentReason: null, consultation: null, files: [], ...extra,
});

const agenda: AgendaDto = {
  meetingId: 'm1',
  version: 4,
  cancelled: false,
  items: [
    item('a', 'Eröffnung'),
    item('b', 'Bauanträge'),
    item('b1', 'Lindenweg 3', { level: 2 }),
    item('c', 'Mitteilungen'),
    item('d', 'Grundstücke', { public: false }),
    item('d1', 'Flur 3', { public: false, level: 2 }),
  ],
};

describe('agenda editor', () => {
  let fixture: ComponentFixture<AgendaEditor>;
  let http: HttpTestingController;
  let announced: string[];

  const el = () => fixture.nativeElement as HTMLElement;
  const numbers = () => Array.from(el().querySelectorAll('[data-item-key]')).map((row) => `${row.querySelector('[data-item-number]')?.textContent?.trim()} ${(row.querySelector('input[type=text]') as HTMLInputElement).value}`);
  const row = (key: string) => el().querySelector<HTMLElement>(`[data-item-key="${uuid(key)}"]`)!;
  const button = (key: string, action: string) => row(key).querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;

  async function press(key: string, action: string) {
    const b = button(key, action);
    b.focus();
    b.click();
    fixture.detectChanges();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    announced = [];
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: LiveAnnouncer, useValue: { announce: (m: string) => (announced.push(m), Promise.resolve()) } }],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AgendaEditor);
    fixture.componentRef.setInput('slug', 'burg');
    fixture.componentRef.setInput('meetingId', 'm1');
    fixture.componentRef.setInput('agenda', agenda);
    fixture.detectChanges();
    http.expectOne(MeetingRoutes.schedulable('burg', 'm1')).flush({ data: [] });
    fixture.detectChanges();
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('shows the numbers the server will give: the public part, sub-items, then the non-public part', () => {
    expect(numbers()).toEqual(['Ö 1 Eröffnung', 'Ö 2 Bauanträge', 'Ö 2.1 Lindenweg 3', 'Ö 3 Mitteilungen', 'N 1 Grundstücke', 'N 1.1 Flur 3']);
    expect(el().querySelector('[data-part="non-public"] [data-non-public]')?.textContent).toContain('nichtöffentlich');
  });

  it('moves an item up by keyboard with its sub-items, keeps the focus on it and announces the move', async () => {
    expect(button('b', 'up').getAttribute('aria-label')).toBe('nach oben: Ö 2 Bauanträge');
    await press('b', 'up');
    expect(numbers()).toEqual(['Ö 1 Bauanträge', 'Ö 1.1 Lindenweg 3', 'Ö 2 Eröffnung', 'Ö 3 Mitteilungen', 'N 1 Grundstücke', 'N 1.1 Flur 3']);
    expect(announced).toEqual(['Ö 2 ist jetzt Ö 1']);
    // At the top "nach oben" is disabled: the keyboard lands on "nach unten" of the same item.
    expect(button('b', 'up').disabled).toBe(true);
    expect(document.activeElement).toBe(button('b', 'down'));
    expect(el().querySelector('[data-save-bar]')?.textContent).toContain('ungespeicherte Änderungen');
  });

  it('moves down, indents and outdents, announcing each new number', async () => {
    await press('a', 'down');
    expect(numbers().slice(0, 4)).toEqual(['Ö 1 Bauanträge', 'Ö 1.1 Lindenweg 3', 'Ö 2 Eröffnung', 'Ö 3 Mitteilungen']);
    expect(document.activeElement).toBe(button('a', 'down'));
    await press('c', 'indent');
    expect(numbers()[3]).toBe('Ö 2.1 Mitteilungen');
    expect(document.activeElement).toBe(button('c', 'outdent'));
    await press('c', 'outdent');
    expect(announced).toEqual(['Ö 1 ist jetzt Ö 2', 'Ö 3 ist jetzt Ö 2.1', 'Ö 2.1 ist jetzt Ö 3']);
    // The first item of a part cannot become a sub-item; the last cannot move down within its part.
    expect(button('b', 'indent').disabled).toBe(true);
    expect(button('c', 'down').disabled).toBe(true);
    expect(button('d', 'up').disabled).toBe(true);
  });

  it('saves with If-Match; on 412 shows the current agenda and keeps the clerk’s edits to apply again', async () => {
    await press('c', 'up');
    (el().querySelector('[data-save]') as HTMLButtonElement).click();
    const put = http.expectOne(MeetingRoutes.agenda('burg', 'm1'));
    expect(put.request.headers.get('If-Match')).toBe('"4"');
    expect(put.request.body.items.map((i: { id: string }) => short(i.id))).toEqual(['a', 'c', 'b', 'b1', 'd', 'd1']);
    const current: AgendaDto = { ...agenda, version: 5, items: [item('a', 'Eröffnung', { number: 'Ö 1' }), item('f', 'Neu von Kollegin', { number: 'Ö 2' })] };
    put.flush({ type: ProblemType.staleVersion, title: 'Precondition Failed', status: 412, current }, { status: 412, statusText: 'Precondition Failed' });
    fixture.detectChanges();
    // The papers still to schedule are read again for the new version.
    http.expectOne(MeetingRoutes.schedulable('burg', 'm1')).flush({ data: [] });
    await fixture.whenStable();
    const conflict = el().querySelector('[data-conflict]')!;
    expect(conflict.textContent).toContain('Inzwischen von jemand anderem geändert');
    expect(conflict.querySelector('[data-current-agenda]')?.textContent).toContain('Neu von Kollegin');
    // The clerk's order is still in the editor.
    expect(numbers()[1]).toBe('Ö 2 Mitteilungen');

    (conflict.querySelector('[data-reapply]') as HTMLButtonElement).click();
    fixture.detectChanges();
    (el().querySelector('[data-save]') as HTMLButtonElement).click();
    const again = http.expectOne(MeetingRoutes.agenda('burg', 'm1'));
    expect(again.request.headers.get('If-Match')).toBe('"5"');
    // Items the other clerk removed come back as new items (no id); the item they added stays.
    expect(again.request.body.items.map((i: { id?: string; name: string }) => (i.id ? short(i.id) : `neu:${i.name}`))).toEqual(['a', 'neu:Mitteilungen', 'neu:Bauanträge', 'neu:Lindenweg 3', 'f', 'neu:Grundstücke', 'neu:Flur 3']);
    again.flush({ ...current, version: 6 });
    fixture.detectChanges();
    http.expectOne(MeetingRoutes.schedulable('burg', 'm1')).flush({ data: [] });
    await fixture.whenStable();
    expect(el().querySelector('[data-save-bar]')?.textContent).toContain('Tagesordnung gespeichert');
    expect(announced.at(-1)).toBe('Tagesordnung gespeichert');
  });
});

describe('agenda draft moves', () => {
  const draft: DraftItem[] = draftFrom(agenda.items);
  const keys = (items: DraftItem[] | null) => items?.map((i) => `${short(i.key)}${i.level === 2 ? '*' : ''}${i.public ? '' : '(N)'}`);

  it('moves a sub-item only among its siblings and an item with its sub-items', () => {
    expect(moveUp(draft, uuid('b1'))).toBeNull();
    expect(keys(moveDown(draft, uuid('b')))).toEqual(['a', 'c', 'b', 'b1*', 'd(N)', 'd1*(N)']);
    expect(moveDown(draft, uuid('c'))).toBeNull();
    expect(moveUp(draft, uuid('d'))).toBeNull();
  });

  it('keeps a sub-item from leading a part', () => {
    expect(indent(draft, uuid('a'))).toBeNull();
    expect(indent(draft, uuid('d'))).toBeNull();
    expect(keys(switchPart(draft, uuid('d')))).toEqual(['a', 'b', 'b1*', 'c', 'd', 'd1*']);
    expect(keys(switchPart(draft, uuid('a')))).toEqual(['b', 'b1*', 'c', 'd(N)', 'd1*(N)', 'a(N)']);
  });
});
