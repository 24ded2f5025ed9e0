import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject, input, linkedSignal, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { ConsultationDto, ConsultationStepInput, InvalidParam } from '@ratsinfo/contracts';
import { officeLink } from '@ratsinfo/web-auth';
import { ErrorSummary, FormErrorItem, LanguageService, formatDate, formatTime } from '@ratsinfo/web-ui';
import { CONSULTATION_ROLE_SUGGESTIONS, CONSULTATION_STATE_KEYS } from '../paper-labels';
import { ConsultationStepDraft, isOnAgenda, mergeDrafts, moveStep, newStep, sameSteps, toDrafts, toInput } from './consultation-path';

type StepField = 'organizationId' | 'role' | 'authoritative';

/**
 * The consultation path (Beratungsfolge) of a paper: the ordered bodies that deliberate it, each
 * preliminary (vorberatend) or authoritative (beschließend), with an optional role.
 *
 * Steps are added, removed and reordered with buttons, so everything works by keyboard; every
 * change is announced to screen readers ("Bauausschuss ist jetzt Schritt 1 von 3") and the focus
 * stays on the control that was used (or the nearest one that still exists). A step that is on an
 * agenda cannot be removed (the API refuses it). The whole path is saved at once by the page
 * (`save`, with If-Match); until then the edits are the clerk's alone and survive a reload of the
 * paper. Each saved step shows where it stands: on which meeting's agenda (date and item
 * number), or "noch nicht terminiert" with the action to schedule it into a meeting (`schedule`).
 */
@Component({
  selector: 'ri-consultation-path-editor',
  imports: [RouterLink, TranslocoPipe, ErrorSummary],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './consultation-path-editor.html',
  styleUrl: './consultation-path-editor.css',
})
export class ConsultationPathEditor {
  private readonly announcer = inject(LiveAnnouncer);
  private readonly transloco = inject(TranslocoService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly language = inject(LanguageService);

  readonly slug = input.required<string>();
  /** The saved path (the paper's consultations). */
  readonly consultations = input.required<readonly ConsultationDto[]>();
  /** Bodies a step can go through. */
  readonly organizations = input.required<readonly { id: string; name: string }[]>();
  /** Clerks and tenant admins edit; members read. */
  readonly canEdit = input(false);
  /** True while the page saves the path. */
  readonly saving = input(false);
  /** Validation errors of the last save (`consultations.<index>.<field>`). */
  readonly serverErrors = input<readonly InvalidParam[]>([]);
  /** Scheduling needs a saved, unchanged path; false also while the paper is a draft the API would not schedule. */
  readonly canSchedule = input(true);

  /** The path to save, in order. */
  readonly save = output<ConsultationStepInput[]>();
  /** "In Sitzung einplanen" for a saved step. */
  readonly schedule = output<ConsultationDto>();
  /** Whether there are unsaved edits (for the page's leave guard). */
  readonly dirtyChange = output<boolean>();

  protected readonly roleSuggestions = CONSULTATION_ROLE_SUGGESTIONS;
  protected readonly stateKeys = CONSULTATION_STATE_KEYS;

  private readonly saved = computed(() => toDrafts(this.consultations()));
  /** The steps as the clerk edits them. */
  readonly steps = linkedSignal<ConsultationStepDraft[], ConsultationStepDraft[]>({
    source: () => this.saved(),
    computation: (fresh, previous) => mergeDrafts(fresh, previous && { saved: previous.source, edited: previous.value }),
  });
  readonly dirty = computed(() => !sameSteps(this.steps(), this.saved()));

  /** Client-side check after a save attempt: every step needs a body. */
  private readonly checked = signal(false);
  protected readonly summaryFocus = signal(0);

  private readonly byId = computed(() => new Map(this.consultations().map((c) => [c.id, c])));
  private readonly organizationNames = computed(() => new Map(this.organizations().map((o) => [o.id, o.name])));

  protected readonly stepErrors = computed<ReadonlyMap<string, ReadonlyMap<StepField, string>>>(() => {
    const steps = this.steps();
    const errors = new Map<string, Map<StepField, string>>();
    const add = (key: string, field: StepField, messageKey: string) => {
      const fields = errors.get(key) ?? new Map<StepField, string>();
      if (!fields.has(field)) fields.set(field, messageKey);
      errors.set(key, fields);
    };
    if (this.checked()) {
      /** t(papers.consultations.errors.organization) */
      steps.forEach((step) => step.organizationId === '' && add(step.key, 'organizationId', 'papers.consultations.errors.organization'));
    }
    for (const error of this.serverErrors()) {
      const match = /^consultations\.(\d+)\.(organizationId|role|authoritative|id)/.exec(error.name);
      const step = match ? steps[Number(match[1])] : undefined;
      if (!step || !match) continue;
      const field = match[2] === 'id' ? 'organizationId' : (match[2] as StepField);
      /** t(papers.consultations.errors.organizationInvalid, papers.consultations.errors.role, papers.consultations.errors.authoritative) */
      const key = { organizationId: 'papers.consultations.errors.organizationInvalid', role: 'papers.consultations.errors.role', authoritative: 'papers.consultations.errors.authoritative' }[field];
      add(step.key, field, key);
    }
    return errors;
  });

  /** Errors not tied to one step (e.g. too many steps), as the API worded them. */
  protected readonly pathErrors = computed(() => this.serverErrors().filter((error) => !/^consultations\.\d+\./.test(error.name)));

  protected readonly errorItems = computed<FormErrorItem[]>(() => {
    const items: FormErrorItem[] = [];
    this.steps().forEach((step, index) => {
      for (const [field, messageKey] of this.stepErrors().get(step.key) ?? []) {
        items.push({ fieldId: this.fieldId(step, field), messageKey, params: { position: index + 1 } });
      }
    });
    return items;
  });

  constructor() {
    effect(() => this.dirtyChange.emit(this.dirty()));
  }

  protected consultationOf(step: ConsultationStepDraft): ConsultationDto | undefined {
    return step.id ? this.byId().get(step.id) : undefined;
  }

  protected organizationName(step: ConsultationStepDraft): string {
    return this.organizationNames().get(step.organizationId) ?? this.consultationOf(step)?.organization.name ?? '';
  }

  protected locked(step: ConsultationStepDraft): boolean {
    return isOnAgenda(this.consultationOf(step));
  }

  protected fieldId(step: ConsultationStepDraft, field: StepField): string {
    return `consultation-${step.key}-${field}`;
  }

  protected errorOf(step: ConsultationStepDraft, field: StepField): string | null {
    return this.stepErrors().get(step.key)?.get(field) ?? null;
  }

  /** "Mo., 07.12.2026, 18:00 Uhr" in Berlin time, in one piece (no stray spaces before the item number). */
  protected when(start: string): string {
    const language = this.language.active();
    return this.transloco.translate('format.dateTime', { date: formatDate(start, language), time: formatTime(start, language) });
  }

  protected meetingLink(meetingId: string): string[] {
    return officeLink(this.slug(), 'sitzungen', meetingId);
  }

  /** The label of a step for announcements: its body, or "Schritt 2" while none is chosen. */
  private stepLabel(step: ConsultationStepDraft, index: number): string {
    return this.organizationName(step) || this.transloco.translate('papers.consultations.stepN', { position: index + 1 });
  }

  protected update(key: string, change: Partial<Pick<ConsultationStepDraft, 'organizationId' | 'role' | 'authoritative'>>): void {
    this.steps.update((steps) => steps.map((step) => (step.key === key ? { ...step, ...change } : step)));
  }

  protected onOrganization(key: string, event: Event): void {
    this.update(key, { organizationId: (event.target as HTMLSelectElement).value });
  }

  protected onAuthoritative(key: string, event: Event): void {
    this.update(key, { authoritative: (event.target as HTMLSelectElement).value === 'true' });
  }

  protected onRole(key: string, event: Event): void {
    this.update(key, { role: (event.target as HTMLInputElement).value });
  }

  add(): void {
    const step = newStep();
    this.steps.update((steps) => [...steps, step]);
    const count = this.steps().length;
    /** t(papers.consultations.announce.added) */
    this.announce('papers.consultations.announce.added', { position: count, count });
    this.focusAfterRender(`#${this.fieldId(step, 'organizationId')}`);
  }

  move(index: number, by: -1 | 1): void {
    const steps = this.steps();
    const target = index + by;
    if (target < 0 || target >= steps.length) return;
    const step = steps[index];
    this.steps.set(moveStep(steps, index, by));
    /** t(papers.consultations.announce.moved) */
    this.announce('papers.consultations.announce.moved', { step: this.stepLabel(step, index), position: target + 1, count: steps.length });
    // the moved step keeps the focus on the button used; at either end, on its other move button
    const canMoveOn = by === -1 ? target > 0 : target < steps.length - 1;
    const direction = (by === -1) === canMoveOn ? 'up' : 'down';
    this.focusAfterRender(`[data-step-key="${step.key}"] [data-move="${direction}"]`);
  }

  remove(index: number): void {
    const steps = this.steps();
    const step = steps[index];
    if (!step) return;
    if (this.locked(step)) {
      /** t(papers.consultations.announce.locked) */
      this.announce('papers.consultations.announce.locked', { step: this.stepLabel(step, index) });
      return;
    }
    const label = this.stepLabel(step, index);
    const rest = steps.filter((_, i) => i !== index);
    this.steps.set(rest);
    /** t(papers.consultations.announce.removed) */
    this.announce('papers.consultations.announce.removed', { step: label, count: rest.length });
    // on to the step that took its place (or the one before); with none left, the add button
    const next = rest[Math.min(index, rest.length - 1)];
    this.focusAfterRender(next ? `[data-step-key="${next.key}"] [data-remove]` : '[data-add-step]');
  }

  /** Discards the unsaved edits: back to the saved path. */
  discard(): void {
    this.steps.set(toDrafts(this.consultations()));
    this.checked.set(false);
    /** t(papers.consultations.announce.discarded) */
    this.announce('papers.consultations.announce.discarded', {});
  }

  submit(): void {
    if (this.saving()) return;
    this.checked.set(true);
    if (this.steps().some((step) => step.organizationId === '')) {
      this.summaryFocus.update((n) => n + 1);
      return;
    }
    this.checked.set(false);
    this.save.emit(toInput(this.steps()));
  }

  private announce(key: string, params: Record<string, unknown>): void {
    void this.announcer.announce(this.transloco.translate(key, params), 'polite');
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(),
      { injector: this.injector },
    );
  }
}
