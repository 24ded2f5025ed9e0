import { Component, input } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Alert } from './alert';

@Component({
  imports: [Alert],
  template: `<ri-alert variant="danger" heading="Fehler" [headingLevel]="level()" role="alert"><p>Text</p></ri-alert>`,
})
class Host {
  readonly level = input<1 | 2 | 3>(2);
}

describe('Alert', () => {
  it('renders a KERN alert with the heading at the requested level and the projected body', () => {
    const fixture = TestBed.createComponent(Host);
    fixture.componentRef.setInput('level', 1);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const box = element.querySelector('.kern-alert');
    expect(box?.classList).toContain('kern-alert--danger');
    expect(box?.getAttribute('role')).toBe('alert');
    expect(element.querySelector('h1')?.textContent).toBe('Fehler');
    expect(element.querySelector('.kern-alert__body p')?.textContent).toBe('Text');

    fixture.componentRef.setInput('level', 3);
    fixture.detectChanges();
    expect(element.querySelector('h1')).toBeNull();
    expect(element.querySelector('h3')?.textContent).toBe('Fehler');
  });
});
