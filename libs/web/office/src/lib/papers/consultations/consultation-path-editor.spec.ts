import { LiveAnnouncer } from '@angular/cdk/a11y';
import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ConsultationDto, ConsultationStepInput } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { ConsultationPathEditor } from './consultation-path-editor';

const ORG = {
  bau: { id: '0b6f3f8e-3c1a-4f55-9d7e-2a6c1e0f4b01', name: 'Bauausschuss', shortName: 'BA' },
  finanz: { id: '0b6f3f8e-3c1a-4f55-9d7e-2a6c1e0f4b02', name: 'Finanzausschuss', shortName: 'FA' },
  rat: { id: '0b6f3f8e-3c1a-4f55-9d7e-2a6c1e0f4b03', name: 'Stadtrat', shortName: 'SR' },
};

function step(id: string, position: number, organization: (typeof ORG)[keyof typeof ORG], authoritative = false, onAgenda = false): ConsultationDto {
  return {
    id,
    position,
    organization,
    authoritative,
    role: authoritative ? 'Entscheidung' : 'Vorberatung',
    state: onAgenda ? 'scheduled' : 'pending',
    agendaItems: onAgenda
      ? [
          {
            id: `item-${id}`,
            number: 'Ö 4',
            name: 'Radweg an der Ihle',
            public: true,
            result: null,
            meeting: { id: 'meeting-1', name: '7. Sitzung des Bauausschusses', start: '2026-03-10T17:00:00+01:00', meetingState: 'invited', cancelled: false },
          },
        ]
      : [],
  };
}

const PATH: ConsultationDto[] = [
  step('c0000000-0000-4000-8000-000000000001', 1, ORG.bau, false, true),
  step('c0000000-0000-4000-8000-000000000002', 2, ORG.finanz),
  step('c0000000-0000-4000-8000-000000000003', 3, ORG.rat, true),
];

@Component({
  imports: [ConsultationPathEditor],
  template: `<ri-consultation-path-editor
    slug="burg"
    [consultations]="consultations()"
    [organizations]="organizations"
    [canEdit]="true"
    (save)="saved.push($event)"
    (schedule)="scheduled.push($event)"
  />`,
})
class Host {
  readonly consultations = signal<ConsultationDto[]>(PATH);
  readonly organizations = Object.values(ORG);
  readonly saved: ConsultationStepInput[][] = [];
  readonly scheduled: ConsultationDto[] = [];
}

describe('ConsultationPathEditor', () => {
  let fixture: ComponentFixture<Host>;
  let announced: string[];

  beforeEach(async () => {
    announced = [];
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [provideRouter([]), { provide: LiveAnnouncer, useValue: { announce: (message: string) => (announced.push(message), Promise.resolve()) } }],
    });
    fixture = TestBed.createComponent(Host);
    // the fixture's element must be in the document for focus to move
    document.body.appendChild(fixture.nativeElement);
    await settle();
  });

  afterEach(() => fixture.nativeElement.remove());

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      fixture.detectChanges();
      await fixture.whenStable();
    }
  }

  const root = () => fixture.nativeElement as HTMLElement;
  const steps = () => [...root().querySelectorAll<HTMLElement>('[data-step-key]')];
  const titles = () => steps().map((element) => element.querySelector('h3')?.textContent?.replace(/\s+/g, ' ').trim());
  const button = (index: number, selector: string) => steps()[index].querySelector<HTMLButtonElement>(selector) as HTMLButtonElement;

  /** Activates a button the way a keyboard does: focus it, then "click" (Enter/Space on a button). */
  async function press(target: HTMLButtonElement): Promise<void> {
    target.focus();
    target.click();
    await settle();
  }

  it('shows the ordered path with where each step stands', () => {
    expect(titles()).toEqual(['Schritt 1 von 3: Bauausschuss', 'Schritt 2 von 3: Finanzausschuss', 'Schritt 3 von 3: Stadtrat']);
    expect(steps()[0].querySelector('[data-step-status]')?.textContent).toContain('7. Sitzung des Bauausschusses');
    expect(steps()[0].querySelector('[data-step-status]')?.textContent).toContain('TOP Ö 4');
    expect(steps()[1].querySelector('[data-step-status]')?.textContent).toContain('noch nicht terminiert');
    expect(button(1, '[data-schedule]').textContent).toContain('In Sitzung einplanen');
    expect(steps()[2].querySelector<HTMLSelectElement>('[data-step-authoritative]')?.value).toBe('true');
  });

  it('moves a step down by keyboard, announces it and keeps the focus on the moved step', async () => {
    await press(button(1, '[data-move="down"]'));

    expect(titles()).toEqual(['Schritt 1 von 3: Bauausschuss', 'Schritt 2 von 3: Stadtrat', 'Schritt 3 von 3: Finanzausschuss']);
    expect(announced).toEqual(['Finanzausschuss ist jetzt Schritt 3 von 3.']);
    // at the end it cannot move further down: the focus goes to its "Nach oben" instead of getting lost
    expect(button(2, '[data-move="down"]').disabled).toBe(true);
    expect(document.activeElement).toBe(button(2, '[data-move="up"]'));
    expect(root().querySelector('[data-path-unsaved]')?.textContent).toContain('ungespeicherte Änderungen');
  });

  it('moves a step up and keeps the focus on "Nach oben" while it can move further', async () => {
    await press(button(2, '[data-move="up"]'));

    expect(titles()).toEqual(['Schritt 1 von 3: Bauausschuss', 'Schritt 2 von 3: Stadtrat', 'Schritt 3 von 3: Finanzausschuss']);
    expect(announced).toEqual(['Stadtrat ist jetzt Schritt 2 von 3.']);
    expect(document.activeElement).toBe(button(1, '[data-move="up"]'));

    await press(document.activeElement as HTMLButtonElement);
    expect(titles()[0]).toBe('Schritt 1 von 3: Stadtrat');
    expect(announced.at(-1)).toBe('Stadtrat ist jetzt Schritt 1 von 3.');
    expect(document.activeElement).toBe(button(0, '[data-move="down"]'));
  });

  it('saves the path in the new order, keeping the ids of existing steps', async () => {
    await press(button(2, '[data-move="up"]'));
    await press(root().querySelector('[data-save-path]') as HTMLButtonElement);

    const host = fixture.componentInstance;
    expect(host.saved).toEqual([
      [
        { id: PATH[0].id, organizationId: ORG.bau.id, authoritative: false, role: 'Vorberatung' },
        { id: PATH[2].id, organizationId: ORG.rat.id, authoritative: true, role: 'Entscheidung' },
        { id: PATH[1].id, organizationId: ORG.finanz.id, authoritative: false, role: 'Vorberatung' },
      ],
    ]);
  });

  it('adds a step, moves the focus to its body field and refuses to save it without one', async () => {
    await press(root().querySelector('[data-add-step]') as HTMLButtonElement);

    expect(steps()).toHaveLength(4);
    expect(announced).toEqual(['Schritt 4 von 4 hinzugefügt. Bitte wählen Sie das Gremium.']);
    const select = steps()[3].querySelector<HTMLSelectElement>('[data-step-organization]') as HTMLSelectElement;
    expect(document.activeElement).toBe(select);

    await press(root().querySelector('[data-save-path]') as HTMLButtonElement);
    expect(fixture.componentInstance.saved).toEqual([]);
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(root().querySelector('[data-error-summary]')?.textContent).toContain('Bitte wählen Sie das Gremium für Schritt 4.');

    select.value = ORG.rat.id;
    select.dispatchEvent(new Event('change'));
    await settle();
    await press(root().querySelector('[data-save-path]') as HTMLButtonElement);
    expect(fixture.componentInstance.saved[0][3]).toEqual({ organizationId: ORG.rat.id, authoritative: false, role: null });
  });

  it('removes a step, announces it and moves the focus to the step that took its place', async () => {
    await press(button(1, '[data-remove]'));

    expect(titles()).toEqual(['Schritt 1 von 2: Bauausschuss', 'Schritt 2 von 2: Stadtrat']);
    expect(announced).toEqual(['Finanzausschuss entfernt. Die Beratungsfolge hat jetzt 2 Schritte.']);
    expect(document.activeElement).toBe(button(1, '[data-remove]'));
  });

  it('does not remove a step that is on an agenda, and says why', async () => {
    const remove = button(0, '[data-remove]');
    expect(remove.getAttribute('aria-disabled')).toBe('true');
    expect(remove.getAttribute('aria-describedby')).toBeTruthy();

    await press(remove);

    expect(steps()).toHaveLength(3);
    expect(announced).toEqual(['Bauausschuss steht auf einer Tagesordnung und kann nicht entfernt werden.']);
    expect(steps()[0].querySelector<HTMLSelectElement>('[data-step-organization]')?.disabled).toBe(true);
  });

  it('keeps unsaved edits when the saved path is reloaded, and takes the new path once they are saved', async () => {
    await press(button(2, '[data-move="up"]'));
    const host = fixture.componentInstance;

    // e.g. the paper's fields were saved meanwhile: the same path comes back
    host.consultations.set(PATH.map((consultation) => ({ ...consultation })));
    await settle();
    expect(titles()[1]).toBe('Schritt 2 von 3: Stadtrat');

    // the path as saved by the server
    host.consultations.set([
      { ...PATH[0], position: 1 },
      { ...PATH[2], position: 2 },
      { ...PATH[1], position: 3 },
    ]);
    await settle();
    expect(titles()[1]).toBe('Schritt 2 von 3: Stadtrat');
    expect(root().querySelector('[data-path-unsaved]')).toBeNull();
  });

  it('discards unsaved edits on request', async () => {
    await press(button(1, '[data-remove]'));
    await press(root().querySelector('[data-discard-path]') as HTMLButtonElement);

    expect(titles()).toEqual(['Schritt 1 von 3: Bauausschuss', 'Schritt 2 von 3: Finanzausschuss', 'Schritt 3 von 3: Stadtrat']);
    expect(announced.at(-1)).toBe('Änderungen an der Beratungsfolge verworfen.');
  });

  it('offers scheduling only for a saved, unchanged path', async () => {
    await press(button(1, '[data-schedule]'));
    expect(fixture.componentInstance.scheduled.map((c) => c.id)).toEqual([PATH[1].id]);

    await press(button(2, '[data-move="up"]'));
    expect(button(2, '[data-schedule]').disabled).toBe(true);
  });
});
