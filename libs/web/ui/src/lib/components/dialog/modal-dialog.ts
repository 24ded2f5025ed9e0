import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, inject, input, output, viewChild } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

let nextId = 0;

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Modal dialog on the native `<dialog>` element (KERN dialog styles): `showModal()` makes the
 * rest of the page inert, traps the focus and closes on Escape. The focus starts on the element
 * marked `data-initial-focus` (else the first focusable one; e.g. "Abbrechen" for destructive
 * confirmations) and returns to the element that had it before opening (the trigger button)
 * when the dialog closes.
 *
 * Content: the body is projected; elements marked `riDialogActions` go into the footer.
 */
@Component({
  selector: 'ri-dialog',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog class="kern-dialog ri-dialog" [attr.aria-labelledby]="headingId" (close)="handleClose()" (cancel)="handleCancel($event)">
      <div class="kern-dialog__header">
        <h2 class="kern-title kern-title--large" [id]="headingId">{{ heading() }}</h2>
        <button type="button" class="kern-btn kern-btn--tertiary ri-dialog__close" [disabled]="!closable()" (click)="close()">
          <span class="kern-icon kern-icon--close" aria-hidden="true"></span>
          <span class="kern-sr-only">{{ 'common.closeDialog' | transloco }}</span>
        </button>
      </div>
      <div class="kern-dialog__body">
        <ng-content />
      </div>
      <div class="kern-dialog__footer">
        <ng-content select="[riDialogActions]" />
      </div>
    </dialog>
  `,
  styles: `
    .ri-dialog {
      width: min(40rem, 100%);
    }
    .ri-dialog__close {
      flex: none;
    }
  `,
})
export class ModalDialog {
  private readonly document = inject(DOCUMENT);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private returnFocusTo: HTMLElement | null = null;

  /** Heading of the dialog (already translated); names the dialog for assistive technology. */
  readonly heading = input.required<string>();
  /** False while an action runs: Escape and the close button are then disabled. */
  readonly closable = input(true);
  /** Emitted after the dialog closed (by a button, Escape or {@link close}). */
  readonly closed = output<void>();

  protected readonly headingId = `ri-dialog-${++nextId}`;

  get isOpen(): boolean {
    return this.dialog().nativeElement.open;
  }

  open(): void {
    const dialog = this.dialog().nativeElement;
    if (dialog.open) return;
    const active = this.document.activeElement;
    this.returnFocusTo = active instanceof HTMLElement && active !== this.document.body ? active : null;
    if (typeof dialog.showModal === 'function') {
      dialog.showModal();
    } else {
      // environments without <dialog> support (e.g. jsdom)
      dialog.setAttribute('open', '');
    }
    const target = dialog.querySelector<HTMLElement>('[data-initial-focus]') ?? dialog.querySelector<HTMLElement>(FOCUSABLE);
    target?.focus();
  }

  close(): void {
    const dialog = this.dialog().nativeElement;
    if (!dialog.open) return;
    if (typeof dialog.close === 'function') {
      dialog.close(); // fires "close" → handleClose()
    } else {
      dialog.removeAttribute('open');
      this.handleClose();
    }
  }

  protected handleCancel(event: Event): void {
    if (!this.closable()) event.preventDefault();
  }

  protected handleClose(): void {
    const target = this.returnFocusTo;
    this.returnFocusTo = null;
    if (target?.isConnected) target.focus();
    this.closed.emit();
  }
}
