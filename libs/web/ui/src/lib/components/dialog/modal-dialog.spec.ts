import { Component, DOCUMENT, signal, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { translocoTesting } from '../../../testing/i18n-testing';
import { ModalDialog } from './modal-dialog';

@Component({
  imports: [ModalDialog],
  template: `
    <button type="button" id="trigger" (click)="dialog().open()">Öffnen</button>
    <ri-dialog heading="Wirklich sperren?" [closable]="closable()" (closed)="closedCount = closedCount + 1">
      <p>Text</p>
      <button riDialogActions type="button" id="cancel" data-initial-focus (click)="dialog().close()">Abbrechen</button>
      <button riDialogActions type="button" id="confirm">Sperren</button>
    </ri-dialog>
  `,
})
class Host {
  readonly dialog = viewChild.required(ModalDialog);
  readonly closable = signal(true);
  closedCount = 0;
}

describe('ModalDialog', () => {
  function render() {
    TestBed.configureTestingModule({ imports: [Host, translocoTesting()] });
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    document.body.appendChild(fixture.nativeElement);
    return { fixture, element: fixture.nativeElement as HTMLElement, document: TestBed.inject(DOCUMENT) };
  }

  it('is a native dialog named by its heading, with the actions in the footer', () => {
    const { element } = render();
    const dialog = element.querySelector('dialog') as HTMLDialogElement;
    expect(dialog.classList).toContain('kern-dialog');
    const heading = dialog.querySelector('h2');
    expect(heading?.textContent).toBe('Wirklich sperren?');
    expect(dialog.getAttribute('aria-labelledby')).toBe(heading?.id);
    expect(dialog.querySelector('.kern-dialog__footer #confirm')).not.toBeNull();
    expect(dialog.querySelector('.kern-dialog__header button .kern-sr-only')?.textContent).toBe('Dialog schließen');
  });

  it('opens with the focus on the marked element and returns it to the trigger on close', () => {
    const { fixture, element, document } = render();
    const trigger = element.querySelector('#trigger') as HTMLButtonElement;
    trigger.focus();
    trigger.click();
    const dialog = element.querySelector('dialog') as HTMLDialogElement;
    expect(dialog.hasAttribute('open')).toBe(true);
    expect(document.activeElement?.id).toBe('cancel');

    (element.querySelector('#cancel') as HTMLButtonElement).click();
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(document.activeElement).toBe(trigger);
    expect(fixture.componentInstance.closedCount).toBe(1);
  });

  it('cannot be cancelled (Escape) while not closable', () => {
    const { fixture, element } = render();
    fixture.componentInstance.closable.set(false);
    fixture.detectChanges();
    const cancel = new Event('cancel', { cancelable: true });
    element.querySelector('dialog')?.dispatchEvent(cancel);
    expect(cancel.defaultPrevented).toBe(true);
    expect((element.querySelector('.kern-dialog__header button') as HTMLButtonElement).disabled).toBe(true);
  });
});
