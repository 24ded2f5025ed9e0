import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { DecisionRoutes, type DecisionItemDto, type EligibleVoterDto, type MeetingDecisionsDto, ProblemType } from '@ratsinfo/contracts';
import { CLOCK } from '@ratsinfo/web-ui';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { NOW } from '../../../testing/fixtures';
import { checkDraft, draftOf, problemsOfApi, toInput } from './decision-draft';
import { DecisionsPage } from './decisions-page';
import { officeContextOf, settle } from '../../../testing/harness';

const MEETING = 'd0000000-0000-4000-8000-000000000001';
const ITEM_1 = 'd0000000-0000-4000-8000-000000000011';
const ITEM_2 = 'd0000000-0000-4000-8000-000000000012';
const person = (n: number) => `d0000000-0000-4000-8000-00000000010${n}`;

const voters: EligibleVoterDto[] = [
  { personId: person(1), name: 'Anna Albers', role: 'member', deputyForPersonId: null, deputyForName: null, attendance: 'present' },
  { personId: person(2), name: 'Bernd Brandt', role: 'member', deputyForPersonId: null, deputyForName: null, attendance: 'present' },
  { personId: person(3), name: 'Gerda Groß', role: 'deputy', deputyForPersonId: person(4), deputyForName: 'Carla Claußen', attendance: 'present' },
];

const empty = { resultKind: null, result: null, resolutionText: null, voteMode: null, counts: null, namedVotes: [], conflicts: [], minutesText: null, decidedAt: null, resolutionId: null } as const;
const item = (id: string, number: string, name: string, over: Partial<DecisionItemDto> = {}): DecisionItemDto => ({
  id,
  order: 1,
  number,
  name,
  level: 1,
  public: true,
  approvesMinutesOfMeetingId: null,
  decision: { ...empty, namedVotes: [], conflicts: [] },
  ...over,
});

const record = (version: number, items: DecisionItemDto[]): MeetingDecisionsDto => ({
  meetingId: MEETING,
  name: 'Sitzung des Bauausschusses',
  start: '2026-11-12T17:00:00.000Z',
  organizationId: 'd0000000-0000-4000-8000-0000000000aa',
  meetingState: 'held',
  cancelled: false,
  version,
  items,
  eligibleVoters: voters,
  minutesFile: null,
  minutesFileCandidates: [],
  approvableMeetings: [],
});

describe('decision drafts', () => {
  it('counted: totals above the voters left after conflicts are refused before sending', () => {
    const draft = { ...draftOf(empty as never), resultKind: 'accepted' as const, voteMode: 'counted' as const, counts: { yes: '2', no: '1', abstain: '0' }, conflicts: { [person(1)]: { declared: true, note: '' } } };
    expect(checkDraft(draft, voters)).toEqual([{ field: 'count-yes', key: 'decisions.errors.countTotal', params: { total: 3, max: 2 } }]);
    expect(checkDraft({ ...draft, counts: { yes: '1', no: 'x', abstain: '' } }, voters).map((p) => p.field)).toEqual(['count-no', 'count-abstain']);
    expect(checkDraft({ ...draft, counts: { yes: '1', no: '1', abstain: '0' } }, voters)).toEqual([]);
    expect(checkDraft({ ...draft, resultKind: '' }, voters)[0]?.field).toBe('result-kind');
  });

  it('shows the default words of a result as empty, so that another kind does not keep them; own words stay', () => {
    expect(draftOf({ ...empty, namedVotes: [], conflicts: [], resultKind: 'accepted', result: 'angenommen' }).result).toBe('');
    expect(draftOf({ ...empty, namedVotes: [], conflicts: [], resultKind: 'accepted', result: 'einstimmig angenommen' }).result).toBe('einstimmig angenommen');
  });

  it('named: a person with a conflict carries no vote in the body sent; the API’s vote index maps back to the person', () => {
    const draft = {
      ...draftOf(empty as never),
      resultKind: 'accepted' as const,
      voteMode: 'named' as const,
      votes: { [person(1)]: 'yes' as const, [person(2)]: 'no' as const, [person(3)]: 'abstain' as const },
      conflicts: { [person(2)]: { declared: true, note: ' Eigentümer ' } },
    };
    const body = toInput(draft, voters);
    expect(body).toEqual({
      resultKind: 'accepted',
      result: null,
      resolutionText: null,
      voteMode: 'named',
      conflicts: [{ personId: person(2), note: 'Eigentümer' }],
      minutesText: null,
      namedVotes: [
        { personId: person(1), vote: 'yes' },
        { personId: person(3), vote: 'abstain' },
      ],
    });
    expect(problemsOfApi([{ name: 'namedVotes.1.personId', reason: 'has declared a conflict of interest' }], body, voters)).toEqual([
      { field: `vote-${person(3)}`, key: 'decisions.errors.noVote', params: { name: 'Gerda Groß' } },
    ]);
  });
});

describe('the decisions page', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  const el = () => harness.fixture.nativeElement as HTMLElement;
  const section = (id: string) => el().querySelector<HTMLElement>(`[data-decision-item="${id}"]`)!;
  const input = (root: HTMLElement, selector: string, value: string) => {
    const field = root.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(selector)!;
    field.value = value;
    field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input'));
  };
  const click = (root: HTMLElement, selector: string) => root.querySelector<HTMLInputElement>(selector)!.click();

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter([{ path: ':tenant/verwaltung/sitzungen/:meetingId/ergebnisse', component: DecisionsPage }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: CLOCK, useValue: () => NOW },
        officeContextOf(['clerk']),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    document.body.appendChild(harness.fixture.nativeElement);
    await harness.navigateByUrl(`/burg/verwaltung/sitzungen/${MEETING}/ergebnisse`);
    await settle(harness);
    http.expectOne(DecisionRoutes.decisions('burg', MEETING)).flush(record(7, [item(ITEM_1, 'Ö 1', 'Bebauungsplan Nr. 12'), item(ITEM_2, 'N 1', 'Grundstücksverkauf', { public: false })]));
    await settle(harness);
  });

  afterEach(() => {
    harness.fixture.nativeElement.remove();
    http.verify();
  });

  it('shows every item with its number, non-public ones marked in words, and who may vote', () => {
    expect(el().querySelector('h1')?.textContent).toContain('Ergebnisse und Niederschrift');
    expect(section(ITEM_1).querySelector('h2')?.textContent).toContain('Ö 1');
    expect(section(ITEM_2).querySelector('h2')?.textContent).toContain('nicht öffentlich');
    expect(section(ITEM_2).textContent).toContain('wird nie veröffentlicht');
    expect(el().querySelector('[data-voters]')?.textContent).toContain('3 Personen');
  });

  it('saves a named vote with If-Match; a conflict takes the person out of the vote', async () => {
    const s = section(ITEM_1);
    input(s, '[data-result-kind]', 'accepted');
    click(s, '[data-mode-named]');
    await settle(harness);
    click(s, `[data-vote-row="${person(1)}"] [data-vote="yes"]`);
    click(s, `[data-vote-row="${person(2)}"] [data-vote="no"]`);
    click(s, `[data-conflict="${person(2)}"]`);
    await settle(harness);
    expect(s.querySelector(`[data-vote-row="${person(2)}"]`)?.textContent).toContain('befangen');
    expect(s.querySelector('[data-named-summary]')?.textContent).toContain('1 Ja, 0 Nein, 0 Enthaltungen');
    click(s, '[data-save]');
    const req = http.expectOne(DecisionRoutes.decision('burg', MEETING, ITEM_1));
    expect([req.request.method, req.request.headers.get('If-Match')]).toEqual(['PUT', '"7"']);
    expect(req.request.body).toMatchObject({ resultKind: 'accepted', voteMode: 'named', namedVotes: [{ personId: person(1), vote: 'yes' }], conflicts: [{ personId: person(2), note: null }] });
    const saved = item(ITEM_1, 'Ö 1', 'Bebauungsplan Nr. 12', {
      decision: { ...empty, resultKind: 'accepted', result: 'angenommen', voteMode: 'named', counts: { yes: 1, no: 0, abstain: 0 }, namedVotes: [{ personId: person(1), name: 'Anna Albers', vote: 'yes' }], conflicts: [{ personId: person(2), name: 'Bernd Brandt', note: null }], resolutionId: 'r1' },
    });
    req.flush(record(8, [saved, item(ITEM_2, 'N 1', 'Grundstücksverkauf', { public: false })]));
    await settle(harness);
    expect(s.querySelector('[data-item-status]')?.textContent).toContain('Gespeichert');
    expect(s.querySelector('[data-resolution]')).not.toBeNull();
    // The next item saves on the new version.
    input(section(ITEM_2), '[data-result-kind]', 'postponed');
    click(section(ITEM_2), '[data-save]');
    const next = http.expectOne(DecisionRoutes.decision('burg', MEETING, ITEM_2));
    expect(next.request.headers.get('If-Match')).toBe('"8"');
    next.flush(record(9, [saved, item(ITEM_2, 'N 1', 'Grundstücksverkauf', { public: false, decision: { ...empty, resultKind: 'postponed', result: 'vertagt', namedVotes: [], conflicts: [] } })]));
    await settle(harness);
  });

  it('refuses more counted votes than voters without a request, and names the field', async () => {
    const s = section(ITEM_1);
    input(s, '[data-result-kind]', 'rejected');
    click(s, '[data-mode-counted]');
    await settle(harness);
    input(s, '[data-count="yes"]', '2');
    input(s, '[data-count="no"]', '2');
    input(s, '[data-count="abstain"]', '0');
    click(s, '[data-save]');
    await settle(harness);
    http.expectNone(DecisionRoutes.decision('burg', MEETING, ITEM_1));
    expect(s.querySelector('[data-error-summary]')?.textContent).toContain('4 Stimmen sind mehr als die 3 Stimmberechtigten');
  });

  it('412: keeps the clerk’s input, shows the saved state, and saves on the current version', async () => {
    const s = section(ITEM_1);
    input(s, '[data-result-kind]', 'accepted');
    input(s, '[data-minutes-text]', 'Frau Albers erläutert den Plan.');
    click(s, '[data-save]');
    const theirs = item(ITEM_1, 'Ö 1', 'Bebauungsplan Nr. 12', { decision: { ...empty, resultKind: 'rejected', result: 'abgelehnt', namedVotes: [], conflicts: [] } });
    http
      .expectOne(DecisionRoutes.decision('burg', MEETING, ITEM_1))
      .flush(
        { type: ProblemType.staleVersion, title: 'Precondition Failed', status: 412, current: record(9, [theirs, item(ITEM_2, 'N 1', 'Grundstücksverkauf', { public: false })]) },
        { status: 412, statusText: 'Precondition Failed', headers: { 'content-type': 'application/problem+json' } },
      );
    await settle(harness);
    expect(s.querySelector('[data-stale]')?.textContent).toContain('abgelehnt');
    expect(s.querySelector<HTMLSelectElement>('[data-result-kind]')?.value).toBe('accepted');
    expect(s.querySelector<HTMLTextAreaElement>('[data-minutes-text]')?.value).toBe('Frau Albers erläutert den Plan.');
    click(s, '[data-save]');
    const again = http.expectOne(DecisionRoutes.decision('burg', MEETING, ITEM_1));
    expect([again.request.headers.get('If-Match'), again.request.body.minutesText]).toEqual(['"9"', 'Frau Albers erläutert den Plan.']);
    again.flush(record(10, [item(ITEM_1, 'Ö 1', 'Bebauungsplan Nr. 12', { decision: { ...empty, resultKind: 'accepted', result: 'angenommen', minutesText: 'Frau Albers erläutert den Plan.', namedVotes: [], conflicts: [] } }), item(ITEM_2, 'N 1', 'Grundstücksverkauf', { public: false })]));
    await settle(harness);
    expect(s.querySelector('[data-stale]')).toBeNull();
  });
});
