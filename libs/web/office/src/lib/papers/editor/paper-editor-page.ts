import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, Injector, afterNextRender, computed, effect, inject, input, linkedSignal, signal, untracked, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  PAPER_DERIVATIONS,
  createPaperSchema,
  updatePaperSchema,
  type ConsultationDto,
  type FileOwnerRef,
  type ConsultationStepInput,
  type InvalidParam,
  type PaperDerivation,
  type PaperDto,
  type PaperRefDto,
} from '@ratsinfo/contracts';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { isApiError } from '@ratsinfo/web-data-access';
import { PapersApi, isStaleVersion, staleCurrent } from '../data/papers-api';
import { BreadcrumbItem, Breadcrumbs, CLOCK, DateTime, ErrorSummary, FormErrorItem, Loading, ModalDialog, PageTitle, berlinDate, issuePaths } from '@ratsinfo/web-ui';
import { Observable, of } from 'rxjs';
import { AnnotationsPanel } from '../../components/annotations/annotations-panel';
import { OwnerFileList } from '../../components/files/file-list';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { OfficeContext } from '../../office-context';
import { ConsultationPathEditor } from '../consultations/consultation-path-editor';
import { ScheduleConsultationDialog } from '../consultations/schedule-consultation-dialog';
import {
  CONFIRMATION_KEYS,
  Confirmation,
  DERIVATIVE_CREATE_KEYS,
  DERIVATIVE_ORIGINAL_KEYS,
  PAPER_DERIVATION_KEYS,
  PAPER_FIELD_LABEL_KEYS,
  PAPER_STATUS_KEYS,
  PAPER_STATUS_TEXT_KEYS,
  STALE_TEXT_KEYS,
  StaleAction,
} from '../paper-labels';
import { JoinNamesPipe, JoinReferencesPipe } from '../join-pipes';
import { PaperNotice, PaperNoticeMessage } from '../paper-notice';
import { PaperStatusBadge } from '../paper-status-badge';
import { ChoiceListPicker, PickerOption } from '../pickers/choice-list-picker';
import { PaperSearchPicker } from '../pickers/paper-search-picker';
import {
  PAPER_FIELDS,
  PAPER_FIELD_ORDER,
  PaperField,
  PaperFormValue,
  changedFields,
  createInput,
  emptyFormValue,
  formValueOf,
  paperFieldOf,
  updateInput,
} from './paper-form';

interface StaleState {
  action: StaleAction;
  current: PaperDto;
}


const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/**
 * `/:tenant/verwaltung/vorlagen/neu` and `/:tenant/verwaltung/vorlagen/:paperId`: the paper
 * editor. A new paper (or an amendment or supplement of one, `?von=<id>&art=amendment`) gets its
 * reference number from the server when it is created; then the page of the paper offers its
 * files, its consultation path with scheduling into meetings, and release and withdrawal.
 *
 * Saving sends the version the clerk started from (If-Match). When someone else saved first
 * (412), nothing of the clerk's is lost: the form keeps their edits, the page shows the paper as
 * it is now with the differences named, and the clerk decides: save theirs over it (only the
 * fields they changed) or take the current state. Leaving with unsaved edits asks first.
 */
@Component({
  selector: 'ri-paper-editor-page',
  imports: [
    RouterLink,
    TranslocoPipe,
    AccessError,
    AnnotationsPanel,
    Breadcrumbs,
    ChoiceListPicker,
    ConsultationPathEditor,
    DateTime,
    ErrorSummary,
    JoinNamesPipe,
    JoinReferencesPipe,
    Loading,
    ModalDialog,
    OfficeHeading,
    OwnerFileList,
    PaperSearchPicker,
    PaperStatusBadge,
    ScheduleConsultationDialog,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './paper-editor-page.html',
  styleUrl: './paper-editor-page.css',
  host: { '(window:beforeunload)': 'onBeforeUnload($event)' },
})
export class PaperEditorPage {
  private readonly api = inject(PapersApi);
  private readonly router = inject(Router);
  private readonly transloco = inject(TranslocoService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly notice = inject(PaperNotice);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly context = inject(OfficeContext);

  /** Route parameter; absent on `vorlagen/neu`. */
  readonly paperId = input<string | undefined>(undefined);
  /** Query `von`: the paper a new amendment or supplement derives from. */
  readonly von = input<string | undefined>(undefined);
  /** Query `art`: `amendment` (Änderungsantrag) or `supplement` (Ergänzung). */
  readonly art = input<string | undefined>(undefined);

  protected readonly fields = PAPER_FIELDS;
  protected readonly statusKeys = PAPER_STATUS_KEYS;
  protected readonly derivationKeys = PAPER_DERIVATION_KEYS;
  protected readonly derivations = PAPER_DERIVATIONS;
  protected readonly fieldLabelKeys = PAPER_FIELD_LABEL_KEYS;
  protected readonly statusTextKeys = PAPER_STATUS_TEXT_KEYS;
  protected readonly staleTextKeys = STALE_TEXT_KEYS;
  protected readonly confirmationKeys = CONFIRMATION_KEYS;
  protected readonly originalKeys = DERIVATIVE_ORIGINAL_KEYS;
  protected readonly createKeys = DERIVATIVE_CREATE_KEYS;

  protected readonly isNew = computed(() => !this.paperId());
  /** Files a private note can be written on: the main file first, then the attachments. */
  protected readonly annotatableFiles = computed(() => {
    const p = this.paper();
    return p ? [...(p.mainFile ? [p.mainFile] : []), ...p.files].map((f) => ({ id: f.id, name: f.name })) : [];
  });
  protected readonly canEdit = computed(() => this.context.roles().some((role) => role === 'clerk' || role === 'tenant-admin'));
  private readonly today = berlinDate(inject(CLOCK)());

  /** The amendment or supplement being created, when the query asks for one. */
  protected readonly derivation = computed<PaperDerivation | null>(() => {
    const art = this.art();
    return this.isNew() && this.von() && (PAPER_DERIVATIONS as readonly string[]).includes(art ?? '') ? (art as PaperDerivation) : null;
  });

  protected readonly paperTypes = rxResource({ params: () => this.context.slug(), stream: ({ params: slug }) => this.api.paperTypes(slug) });
  protected readonly organizations = rxResource({ params: () => this.context.slug(), stream: ({ params: slug }) => this.api.organizations(slug) });
  protected readonly persons = rxResource({
    params: () => (this.canEdit() ? this.context.slug() : undefined),
    stream: ({ params: slug }) => this.api.persons(slug),
  });

  protected readonly paperResource = rxResource({
    params: () => {
      const id = this.paperId();
      return id ? { slug: this.context.slug(), id } : undefined;
    },
    stream: ({ params }) => this.api.paper(params.slug, params.id),
  });
  protected readonly originalResource = rxResource({
    params: () => {
      const id = this.von();
      return this.derivation() && id ? { slug: this.context.slug(), id } : undefined;
    },
    stream: ({ params }) => this.api.paper(params.slug, params.id),
  });

  /** The paper as the server last answered (load, save, status change, refused save). */
  protected readonly paper = linkedSignal<PaperDto | undefined>(() => (this.paperResource.hasValue() ? this.paperResource.value() : undefined));

  /** What the form was last loaded from; the edits are the difference to it. */
  private readonly base = signal<PaperFormValue>(emptyFormValue(this.today));
  protected readonly value = signal<PaperFormValue>(emptyFormValue(this.today));
  protected readonly changed = computed(() => changedFields(this.value(), this.base()));
  protected readonly formDirty = computed(() => this.changed().length > 0);
  protected readonly pathDirty = signal(false);

  protected readonly saving = signal(false);
  protected readonly savingPath = signal(false);
  protected readonly acting = signal<Confirmation | null>(null);
  protected readonly errors = signal<ReadonlyMap<PaperField, string>>(new Map());
  protected readonly unmappedErrors = signal<readonly InvalidParam[]>([]);
  protected readonly pathErrors = signal<readonly InvalidParam[]>([]);
  protected readonly formError = signal<unknown>(null);
  protected readonly actionError = signal<unknown>(null);
  protected readonly summaryFocus = signal(0);
  protected readonly stale = signal<StaleState | null>(null);
  protected readonly message = signal<PaperNoticeMessage | null>(null);
  protected readonly confirmation = signal<Confirmation | null>(null);
  /** Set when leaving after a save or delete, so the leave guard does not ask. */
  private leaving = false;

  private readonly confirmDialog = viewChild<ModalDialog>('confirmDialog');
  private readonly scheduleDialog = viewChild(ScheduleConsultationDialog);

  protected readonly typeName = computed(() => {
    const paper = this.paper();
    if (paper) return paper.paperType.name;
    return this.paperTypes.value()?.find((type) => type.id === this.value().paperTypeId)?.name ?? '';
  });

  protected readonly personOptions = computed<PickerOption[]>(() =>
    [...(this.persons.value() ?? [])]
      .sort((a, b) => collator.compare(a.familyName, b.familyName) || collator.compare(a.givenName, b.givenName))
      .map((person) => {
        const bodies = person.currentMemberships.map((membership) => membership.organization.name);
        return { id: person.id, label: bodies.length > 0 ? `${person.name} (${bodies.join(', ')})` : person.name };
      }),
  );
  protected readonly superordinateList = computed<PaperRefDto[]>(() => {
    const superordinate = this.value().superordinatePaper;
    return superordinate ? [superordinate] : [];
  });
  /** The paper as owner of its files. */
  protected readonly fileOwner = computed<FileOwnerRef | null>(() => {
    const paper = this.paper();
    return paper ? { kind: 'paper', id: paper.id } : null;
  });
  /** The paper itself is never its own superordinate or related paper. */
  protected readonly ownId = computed<string[]>(() => {
    const paper = this.paper();
    return paper ? [paper.id] : [];
  });
  protected readonly preline = computed(() => {
    const paper = this.paper();
    return paper ? `${paper.reference} · ${this.typeName()}` : this.context.tenantName();
  });
  protected readonly organizationOptions = computed<PickerOption[]>(() => (this.organizations.value() ?? []).map((o) => ({ id: o.id, label: o.name })));

  protected readonly errorItems = computed<FormErrorItem[]>(() =>
    PAPER_FIELD_ORDER.filter((field) => this.errors().has(field)).map((field) => ({ fieldId: PAPER_FIELDS[field].id, messageKey: this.errors().get(field) as string })),
  );

  /** Fields where the paper as it is now differs from the clerk's edits (shown after a 412). */
  protected readonly staleDifferences = computed<PaperField[]>(() => {
    const stale = this.stale();
    return stale ? changedFields(this.value(), formValueOf(stale.current)) : [];
  });

  protected readonly heading = computed(() => {
    const paper = this.paper();
    if (paper) return paper.name;
    const derivation = this.derivation();
    /** t(papers.editor.newHeading, papers.editor.newDerivativeHeading) */
    return derivation
      ? this.transloco.translate('papers.editor.newDerivativeHeading', { kind: this.transloco.translate(PAPER_DERIVATION_KEYS[derivation]) })
      : this.transloco.translate('papers.editor.newHeading');
  });

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, papers.breadcrumb, papers.editor.newBreadcrumb) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'papers.breadcrumb', link: officeLink(this.context.slug(), 'vorlagen') },
    this.paper() ? { label: this.paper()?.reference ?? '' } : { labelKey: 'papers.editor.newBreadcrumb' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    effect(() => {
      const paper = this.paper();
      const tenant = this.context.tenantName();
      /** t(papers.title.paper, papers.title.new) */
      if (paper) pageTitle.set('papers.title.paper', { reference: paper.reference, name: paper.name, tenant });
      else if (this.isNew()) pageTitle.set('papers.title.new', { tenant });
    });

    // a loaded or saved paper becomes the form's base; the clerk's edits, if any, stay
    effect(() => {
      const paper = this.paper();
      if (!paper) return;
      untracked(() => this.rebase(formValueOf(paper)));
    });
    // a new paper starts with the first type (or the original's, for an amendment)
    effect(() => {
      if (!this.isNew()) return;
      const types = this.paperTypes.value();
      const original = this.originalResource.value();
      const derivation = this.derivation();
      untracked(() => {
        if (this.formDirty()) return;
        const start = emptyFormValue(this.today, original?.paperType.id ?? types?.[0]?.id ?? '');
        if (original && derivation) {
          start.public = original.public;
          start.name = this.transloco.translate('papers.editor.derivativeName', {
            kind: this.transloco.translate(PAPER_DERIVATION_KEYS[derivation]),
            reference: original.reference,
            name: original.name,
          });
        }
        this.base.set(start);
        this.value.set(start);
      });
    });

    const pending = this.notice.take();
    if (pending) this.message.set(pending);
  }

  /** The form's base moves to `fresh`; fields the clerk has not changed follow it. */
  private rebase(fresh: PaperFormValue): void {
    const changed = new Set(this.changed());
    const edited = this.value();
    const merged: PaperFormValue = { ...fresh };
    const keep = <K extends keyof PaperFormValue>(key: K, field: PaperField) => {
      if (changed.has(field)) merged[key] = edited[key];
    };
    keep('paperTypeId', 'paperTypeId');
    keep('name', 'name');
    keep('date', 'date');
    keep('public', 'public');
    keep('responsibleDepartment', 'responsibleDepartment');
    keep('originatorPersonIds', 'originatorPersonIds');
    keep('originatorOrganizationIds', 'originatorOrganizationIds');
    keep('relatedPapers', 'relatedPaperIds');
    keep('superordinatePaper', 'superordinatePaperId');
    this.base.set(fresh);
    this.value.set(merged);
  }

  // ---- editing -----------------------------------------------------------------------------

  protected set<K extends keyof PaperFormValue>(key: K, value: PaperFormValue[K]): void {
    this.value.update((current) => ({ ...current, [key]: value }));
    if (this.errors().size > 0) this.errors.set(this.validate().errors);
    this.message.set(null);
  }

  protected onText(key: 'name' | 'date' | 'responsibleDepartment' | 'paperTypeId', event: Event): void {
    this.set(key, (event.target as HTMLInputElement | HTMLSelectElement).value);
  }

  protected onPublic(value: boolean): void {
    this.set('public', value);
  }

  protected hasError(field: PaperField): boolean {
    return this.errors().has(field);
  }

  protected errorKey(field: PaperField): string | null {
    return this.errors().get(field) ?? null;
  }

  protected describedBy(field: PaperField, hinted = false): string | null {
    const id = PAPER_FIELDS[field].id;
    const ids = [hinted ? `${id}-hint` : null, this.hasError(field) ? `${id}-error` : null].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : null;
  }

  private validate(): { errors: Map<PaperField, string> } {
    const value = this.value();
    const parsed = this.isNew() ? createPaperSchema.safeParse(createInput(value)) : updatePaperSchema.safeParse(updateInput(value, this.changed()));
    const errors = new Map<PaperField, string>();
    if (!parsed.success) {
      for (const path of issuePaths(parsed.error.issues)) {
        const field = paperFieldOf(path);
        if (field && !errors.has(field)) errors.set(field, PAPER_FIELDS[field].errorKey);
      }
    }
    return { errors };
  }

  // ---- saving --------------------------------------------------------------------------------

  save(event?: Event): void {
    event?.preventDefault();
    if (this.saving() || !this.canEdit()) return;
    this.formError.set(null);
    this.unmappedErrors.set([]);
    this.message.set(null);
    const { errors } = this.validate();
    this.errors.set(errors);
    if (errors.size > 0) {
      this.summaryFocus.update((n) => n + 1);
      return;
    }
    const paper = this.paper();
    if (!paper) {
      this.create();
      return;
    }
    const changed = this.changed();
    if (changed.length === 0) {
      /** t(papers.editor.nothingToSave) */
      this.message.set({ key: 'papers.editor.nothingToSave', params: {} });
      return;
    }
    this.saving.set(true);
    this.api.updatePaper(this.context.slug(), paper.id, paper.version, updateInput(this.value(), changed)).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.stale.set(null);
        this.base.set(formValueOf(saved));
        this.value.set(formValueOf(saved));
        this.paper.set(saved);
        /** t(papers.editor.saved) */
        this.message.set({ key: 'papers.editor.saved', params: { reference: saved.reference } });
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.handleWriteError(error, 'paper');
      },
    });
  }

  private create(): void {
    const input = createInput(this.value());
    const derivation = this.derivation();
    const original = this.von();
    const request: Observable<PaperDto> =
      derivation && original ? this.api.createDerivative(this.context.slug(), original, { ...input, derivation }) : this.api.createPaper(this.context.slug(), input);
    this.saving.set(true);
    request.subscribe({
      next: (created) => {
        this.saving.set(false);
        this.leaving = true;
        /** t(papers.editor.created) */
        this.notice.leave('papers.editor.created', { reference: created.reference });
        void this.router.navigate(officeLink(this.context.slug(), 'vorlagen', created.id), { replaceUrl: true });
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.handleWriteError(error, 'paper');
      },
    });
  }

  protected savePath(steps: ConsultationStepInput[]): void {
    const paper = this.paper();
    if (!paper || this.savingPath()) return;
    this.savingPath.set(true);
    this.pathErrors.set([]);
    this.actionError.set(null);
    this.api.saveConsultations(this.context.slug(), paper.id, paper.version, steps).subscribe({
      next: (saved) => {
        this.savingPath.set(false);
        this.stale.set(null);
        this.paper.set(saved);
        /** t(papers.consultations.saved) */
        this.message.set({ key: 'papers.consultations.saved', params: { reference: saved.reference } });
      },
      error: (error: unknown) => {
        this.savingPath.set(false);
        if (isApiError(error) && error.kind === 'validation' && error.fieldErrors.length > 0) {
          this.pathErrors.set(error.fieldErrors);
          return;
        }
        this.handleWriteError(error, 'path');
      },
    });
  }

  /** 412: keep the edits, show the current state; 400: name the fields; anything else: an alert. */
  private handleWriteError(error: unknown, action: StaleAction): void {
    if (isStaleVersion(error)) {
      const current = staleCurrent<PaperDto>(error);
      const show = (paper: PaperDto) => {
        this.stale.set({ action, current: paper });
        this.focusAfterRender('[data-stale]');
      };
      if (current && typeof current.version === 'number' && current.id) show(current);
      else this.reload().subscribe({ next: show, error: (reloadError: unknown) => this.formError.set(reloadError) });
      return;
    }
    if (action === 'paper' && isApiError(error) && error.kind === 'validation' && error.fieldErrors.length > 0) {
      const errors = new Map<PaperField, string>();
      const unmapped: InvalidParam[] = [];
      for (const invalid of error.fieldErrors) {
        const field = paperFieldOf(invalid.name);
        if (!field) unmapped.push(invalid);
        else if (!errors.has(field)) errors.set(field, PAPER_FIELDS[field].errorKey);
      }
      this.errors.set(errors);
      this.unmappedErrors.set(unmapped);
      if (errors.size > 0) this.summaryFocus.update((n) => n + 1);
      return;
    }
    if (action === 'paper' || action === 'path') this.formError.set(error);
    else this.actionError.set(error);
  }

  private reload(): Observable<PaperDto> {
    const paper = this.paper();
    return paper ? this.api.paper(this.context.slug(), paper.id) : of();
  }

  /** After a 412: save the clerk's version over the current one (only what they changed, for the fields). */
  protected overwrite(): void {
    const stale = this.stale();
    if (!stale) return;
    this.paper.set(stale.current);
    this.stale.set(null);
    if (stale.action === 'paper') this.save();
    else if (stale.action === 'path') this.pathEditor()?.submit();
  }

  /** After a 412: take the paper as it is now; the clerk's edits of the fields are dropped. */
  protected takeCurrent(): void {
    const stale = this.stale();
    if (!stale) return;
    this.base.set(formValueOf(stale.current));
    this.value.set(formValueOf(stale.current));
    this.paper.set(stale.current);
    if (stale.action === 'path') this.pathEditor()?.discard();
    this.stale.set(null);
    this.errors.set(new Map());
    /** t(papers.stale.taken) */
    this.message.set({ key: 'papers.stale.taken', params: {} });
  }

  private readonly pathEditor = viewChild(ConsultationPathEditor);

  // ---- release, withdraw, delete -------------------------------------------------------------

  protected ask(confirmation: Confirmation): void {
    this.actionError.set(null);
    this.confirmation.set(confirmation);
    afterNextRender(() => this.confirmDialog()?.open(), { injector: this.injector });
  }

  protected confirm(): void {
    const paper = this.paper();
    const confirmation = this.confirmation();
    if (!paper || !confirmation || this.acting()) return;
    this.acting.set(confirmation);
    const slug = this.context.slug();
    if (confirmation === 'delete') {
      this.api.deletePaper(slug, paper.id, paper.version).subscribe({
        next: () => {
          this.acting.set(null);
          this.confirmDialog()?.close();
          this.leaving = true;
          /** t(papers.editor.deleted) */
          this.notice.leave('papers.editor.deleted', { reference: paper.reference });
          void this.router.navigate(officeLink(slug, 'vorlagen'));
        },
        error: (error: unknown) => this.actionFailed(error, 'delete'),
      });
      return;
    }
    const request = confirmation === 'release' ? this.api.release(slug, paper.id, paper.version) : this.api.withdraw(slug, paper.id, paper.version);
    request.subscribe({
      next: (saved) => {
        this.acting.set(null);
        this.confirmDialog()?.close();
        this.paper.set(saved);
        /** t(papers.editor.released, papers.editor.withdrawn) */
        this.message.set({ key: confirmation === 'release' ? 'papers.editor.released' : 'papers.editor.withdrawn', params: { reference: saved.reference } });
        this.focusAfterRender('[data-paper-message]');
      },
      error: (error: unknown) => this.actionFailed(error, confirmation),
    });
  }

  private actionFailed(error: unknown, action: Confirmation): void {
    this.acting.set(null);
    this.confirmDialog()?.close();
    this.handleWriteError(error, action);
  }

  // ---- consultations -------------------------------------------------------------------------

  protected openSchedule(consultation: ConsultationDto): void {
    this.scheduleDialog()?.open(consultation);
  }

  protected afterScheduled(): void {
    const paper = this.paper();
    if (!paper) return;
    this.api.paper(this.context.slug(), paper.id).subscribe({
      next: (fresh) => {
        this.paper.set(fresh);
        /** t(papers.schedule.done) */
        const message = this.transloco.translate('papers.schedule.done');
        this.message.set({ key: 'papers.schedule.done', params: {} });
        void this.announcer.announce(message, 'polite');
      },
      error: (error: unknown) => this.actionError.set(error),
    });
  }

  /** After a file change: the paper's main file and file list may have changed (not its version). */
  protected reloadPaper(): void {
    const paper = this.paper();
    if (!paper) return;
    this.api.paper(this.context.slug(), paper.id).subscribe({
      next: (fresh) => this.paper.set(fresh),
      error: (error: unknown) => this.actionError.set(error),
    });
  }

  // ---- links ---------------------------------------------------------------------------------

  protected paperLink(paper: PaperRefDto): string[] {
    return officeLink(this.context.slug(), 'vorlagen', paper.id);
  }

  protected derivativeLink(derivation: PaperDerivation): { link: string[]; query: Record<string, string> } {
    return { link: officeLink(this.context.slug(), 'vorlagen', 'neu'), query: { von: this.paper()?.id ?? '', art: derivation } };
  }

  protected personName(id: string): string {
    return this.personOptions().find((option) => option.id === id)?.label ?? this.paper()?.originatorPersons.find((person) => person.id === id)?.name ?? id;
  }

  protected organizationName(id: string): string {
    return this.organizationOptions().find((option) => option.id === id)?.label ?? this.paper()?.originatorOrganizations.find((o) => o.id === id)?.name ?? id;
  }

  // ---- leaving -------------------------------------------------------------------------------

  /** True when there are edits that would be lost by leaving. */
  hasUnsavedChanges(): boolean {
    return !this.leaving && this.canEdit() && (this.formDirty() || this.pathDirty());
  }

  /** The leave guard: asks before unsaved edits are dropped. */
  confirmLeave(): boolean {
    if (!this.hasUnsavedChanges()) return true;
    const view = this.document.defaultView;
    return view ? view.confirm(this.transloco.translate('papers.editor.leaveConfirm')) : true;
  }

  protected onBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.hasUnsavedChanges()) event.preventDefault();
  }

  private focusAfterRender(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
