import { LiveAnnouncer } from '@angular/cdk/a11y';
import { CdkDrag, CdkDragDrop, CdkDragHandle, CdkDropList } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { type AgendaDto, putAgendaSchema } from '@ratsinfo/contracts';
import { MeetingsApi, isApiError, staleCurrent } from '@ratsinfo/web-data-access';
import { Alert } from '@ratsinfo/web-ui';
import { type DraftItem, append, draftFrom, indent, moveDown, moveUp, moveWithinPart, newKey, numbersByKey, outdent, remove, sameAgenda, switchPart, toInput } from './agenda-draft';

type Action = 'up' | 'down' | 'indent' | 'outdent' | 'part' | 'remove';

/**
 * The clerk's agenda editor: the public part, then the non-public part; items are reordered by
 * drag and drop or with the "nach oben"/"nach unten" buttons (focus stays on the moved item, and
 * the move is announced: "Ö 3 ist jetzt Ö 2"), indented to sub-items, marked urgent with a
 * reason, moved between the parts, removed; free items and consultations of papers are added.
 * Numbers are shown as the server will compute them. Saving sends the whole agenda with the
 * version it was read at; when someone else saved in between (412), the current agenda is shown
 * and the clerk's own edits are kept, to be applied again or dropped — never lost silently.
 */
@Component({
  selector: 'ri-agenda-editor',
  imports: [TranslocoPipe, Alert, CdkDropList, CdkDrag, CdkDragHandle],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agenda-editor.html',
  styleUrl: './agenda-editor.css',
})
export class AgendaEditor {
  private readonly api = inject(MeetingsApi);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly transloco = inject(TranslocoService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly slug = input.required<string>();
  readonly meetingId = input.required<string>();
  /** The agenda as last read or saved. */
  readonly agenda = input.required<AgendaDto>();
  /** New items must be urgent (with a reason): the meeting is invited, or close (the API's rule). */
  readonly late = input(false);
  /** After every successful save (the meeting's version moved on). */
  readonly saved = output<AgendaDto>();
  /** After a refused stale save: the meeting's version as it is now. */
  readonly versionSeen = output<number>();

  /** The saved state the draft is compared with; replaced by a save or by the current state of a 412. */
  protected readonly server = linkedSignal(() => this.agenda());
  // Follows the items, not the version: a new version alone (the meeting's details were saved) keeps the clerk's unsaved edits.
  protected readonly draft = linkedSignal<AgendaDto['items'], DraftItem[]>({ source: () => this.agenda().items, computation: (items) => draftFrom(items) });
  protected readonly numbers = computed(() => numbersByKey(this.draft()));
  protected readonly publicItems = computed(() => this.draft().filter((i) => i.public));
  protected readonly nonPublicItems = computed(() => this.draft().filter((i) => !i.public));
  protected readonly dirty = computed(() => !sameAgenda(this.draft(), draftFrom(this.server().items)));
  protected readonly saving = signal(false);
  /** Problems of the last save attempt, in the clerk's words (item number: reason). */
  protected readonly problems = signal<string[]>([]);
  /** After a 412: the agenda as it is now, and the one the clerk's edits started from. */
  protected readonly conflict = signal<{ current: AgendaDto; base: AgendaDto } | null>(null);
  protected readonly savedNotice = signal(false);

  protected readonly newName = signal('');
  protected readonly newPublic = signal(true);
  protected readonly newUrgent = signal(false);
  protected readonly newReason = signal('');
  protected readonly selectedConsultation = signal('');

  protected readonly schedulable = rxResource({
    params: () => ({ slug: this.slug(), id: this.meetingId(), version: this.server().version }),
    stream: ({ params }) => this.api.schedulable(params.slug, params.id),
  });
  /** Consultations not already in the draft. */
  protected readonly offers = computed(() => {
    const taken = new Set(this.draft().map((i) => i.consultationId));
    return this.schedulable.hasValue() ? this.schedulable.value().filter((c) => !taken.has(c.id)) : [];
  });

  protected canMove(item: DraftItem, action: 'up' | 'down'): boolean {
    return (action === 'up' ? moveUp : moveDown)(this.draft(), item.key) !== null;
  }

  protected canIndent(item: DraftItem): boolean {
    return indent(this.draft(), item.key) !== null;
  }

  protected act(item: DraftItem, action: Action): void {
    const items = this.draft();
    const before = this.numbers();
    const next =
      action === 'up' ? moveUp(items, item.key)
      : action === 'down' ? moveDown(items, item.key)
      : action === 'indent' ? indent(items, item.key)
      : action === 'outdent' ? outdent(items, item.key)
      : action === 'part' ? switchPart(items, item.key)
      : remove(items, item.key);
    if (!next) return;
    this.draft.set(next);
    this.savedNotice.set(false);
    const from = before.get(item.key) ?? '';
    if (action === 'remove') {
      this.announce('agenda.announce.removed', { number: from, name: item.name });
      this.focusAfterRemove();
      return;
    }
    const to = this.numbers().get(item.key) ?? '';
    this.announce('agenda.announce.moved', { from, to });
    this.focusItem(item.key, action);
  }

  protected dropped(isPublic: boolean, event: CdkDragDrop<unknown>): void {
    if (event.previousIndex === event.currentIndex) return;
    const part = this.draft().filter((i) => i.public === isPublic);
    const item = part[event.previousIndex];
    if (!item) return;
    const from = this.numbers().get(item.key) ?? '';
    this.draft.set(moveWithinPart(this.draft(), isPublic, event.previousIndex, event.currentIndex));
    this.announce('agenda.announce.moved', { from, to: this.numbers().get(item.key) ?? '' });
  }

  protected rename(item: DraftItem, value: string): void {
    this.update(item.key, { name: value });
  }

  protected setUrgent(item: DraftItem, urgent: boolean): void {
    this.update(item.key, { urgent });
  }

  protected setReason(item: DraftItem, urgentReason: string): void {
    this.update(item.key, { urgentReason });
  }

  protected addFree(event?: Event): void {
    event?.preventDefault();
    const name = this.newName().trim();
    if (!name) {
      this.problems.set([this.transloco.translate('agenda.errors.newNameMissing')]);
      return;
    }
    const key = newKey();
    this.draft.set(append(this.draft(), { key, id: null, level: 1, public: this.newPublic(), name, urgent: this.newUrgent() || this.late(), urgentReason: this.newReason(), consultationId: null, paper: null, fileCount: 0 }));
    this.newName.set('');
    this.newReason.set('');
    this.newUrgent.set(false);
    this.problems.set([]);
    this.announce('agenda.announce.added', { number: this.numbers().get(key) ?? '', name });
  }

  protected addConsultation(event?: Event): void {
    event?.preventDefault();
    const offer = this.offers().find((c) => c.id === this.selectedConsultation());
    if (!offer) {
      this.problems.set([this.transloco.translate('agenda.errors.consultationMissing')]);
      return;
    }
    const key = newKey();
    this.draft.set(append(this.draft(), {
      key, id: null, level: 1, public: offer.paper.public, name: offer.paper.name, urgent: this.late(), urgentReason: '',
      consultationId: offer.id, paper: { reference: offer.paper.reference, name: offer.paper.name }, fileCount: 0,
    }));
    this.selectedConsultation.set('');
    this.problems.set([]);
    this.announce('agenda.announce.added', { number: this.numbers().get(key) ?? '', name: offer.paper.name });
  }

  protected discard(): void {
    this.draft.set(draftFrom(this.server().items));
    this.conflict.set(null);
    this.problems.set([]);
  }

  /**
   * After a 412: the clerk's edits again, on top of the current version. Items someone else
   * added meanwhile are kept (at the end of their part); items they removed but the clerk kept
   * come back as new items; where both changed one item, the clerk's version wins.
   */
  protected reapply(): void {
    const conflict = this.conflict();
    if (!conflict) return;
    const living = new Set(conflict.current.items.map((i) => i.id));
    const known = new Set([...conflict.base.items.map((i) => i.id), ...this.draft().map((i) => i.id)]);
    let next = this.draft().map((i) => (i.id && !living.has(i.id) ? { ...i, id: null, key: newKey() } : i));
    for (const theirs of draftFrom(conflict.current.items.filter((i) => !known.has(i.id)))) next = append(next, theirs);
    this.draft.set(next);
    this.conflict.set(null);
    this.announce('agenda.announce.reapplied', {});
  }

  protected save(): void {
    const items = toInput(this.draft());
    const problems = this.check(items);
    this.problems.set(problems);
    if (problems.length) return;
    this.saving.set(true);
    this.savedNotice.set(false);
    this.api.saveAgenda(this.slug(), this.meetingId(), this.server().version, items).subscribe({
      next: (agenda) => {
        this.saving.set(false);
        this.server.set(agenda);
        this.draft.set(draftFrom(agenda.items));
        this.conflict.set(null);
        this.savedNotice.set(true);
        this.announce('agenda.announce.saved', {});
        this.saved.emit(agenda);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const current = staleCurrent<AgendaDto>(error);
        if (current) {
          this.conflict.set({ current, base: this.server() });
          this.server.set(current);
          this.versionSeen.emit(current.version);
          return;
        }
        const fields = isApiError(error) ? error.fieldErrors : [];
        const detail = isApiError(error) ? error.problem?.detail : undefined;
        this.problems.set(fields.length ? fields.map((f) => this.describe(f.name, f.reason)) : [detail ?? this.transloco.translate('agenda.errors.saveFailed')]);
      },
    });
  }

  /** The shape rules and the late rule, checked before sending (the API checks them again). */
  private check(items: ReturnType<typeof toInput>): string[] {
    const problems: string[] = [];
    const parsed = putAgendaSchema.safeParse({ items });
    if (!parsed.success) for (const issue of parsed.error.issues) problems.push(this.describe(issue.path.join('.'), issue.message));
    if (this.late())
      items.forEach((item, n) => {
        if (!item.id && !item.urgent) problems.push(this.describe(`items.${n}.urgent`, ''));
      });
    return problems;
  }

  /** "Ö 2 „Betreff“: reason" for `items.1.name`, in German for the fields a clerk fills in (the API's reason otherwise). */
  private describe(path: string, reason: string): string {
    const m = /^items\.(\d+)\.(\w+)/.exec(path);
    const item = m ? this.draft()[Number(m[1])] : undefined;
    if (!m || !item) return reason;
    /** t(agenda.errors.nameMissing, agenda.errors.nameTooLong, agenda.errors.reasonMissing, agenda.errors.lateNeedsUrgent, agenda.errors.subItemFirst, agenda.errors.publicAfterNonPublic, agenda.errors.nonPublicPaper) */
    const keys: Record<string, string> = {
      name: item.name.trim() ? 'agenda.errors.nameTooLong' : 'agenda.errors.nameMissing',
      urgentReason: 'agenda.errors.reasonMissing',
      urgent: 'agenda.errors.lateNeedsUrgent',
      level: 'agenda.errors.subItemFirst',
      public: item.consultationId ? 'agenda.errors.nonPublicPaper' : 'agenda.errors.publicAfterNonPublic',
    };
    const key = keys[m[2] ?? ''];
    return `${this.numbers().get(item.key)} „${item.name.trim()}“: ${key ? this.transloco.translate(key) : reason}`;
  }

  private update(key: string, patch: Partial<DraftItem>): void {
    this.draft.set(this.draft().map((i) => (i.key === key ? { ...i, ...patch } : i)));
    this.savedNotice.set(false);
  }

  /** t(agenda.announce.moved, agenda.announce.removed, agenda.announce.added, agenda.announce.reapplied, agenda.announce.saved) */
  private announce(key: string, params: Record<string, string>): void {
    void this.announcer.announce(this.transloco.translate(key, params), 'polite');
  }

  /** Keeps the keyboard on the moved item: the same button, or its neighbour when that one is now disabled at the edge. */
  private focusItem(key: string, action: Action): void {
    afterNextRender(
      () => {
        const row = Array.from(this.host.nativeElement.querySelectorAll<HTMLElement>('[data-item-key]')).find((r) => r.dataset['itemKey'] === key);
        if (!row) return;
        const order: Action[] = action === 'up' ? ['up', 'down'] : action === 'down' ? ['down', 'up'] : action === 'indent' ? ['outdent', 'indent'] : action === 'outdent' ? ['indent', 'outdent'] : ['part', 'up'];
        for (const a of order) {
          const button = row.querySelector<HTMLButtonElement>(`[data-action="${a}"]`);
          if (button && !button.disabled) {
            button.focus();
            return;
          }
        }
        row.querySelector<HTMLInputElement>('input')?.focus();
      },
      { injector: this.injector },
    );
  }

  private focusAfterRemove(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('[data-agenda-heading]')?.focus(), { injector: this.injector });
  }
}
