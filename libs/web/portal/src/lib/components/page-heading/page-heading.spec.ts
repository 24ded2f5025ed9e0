import { TestBed } from '@angular/core/testing';
import { PageHeading } from './page-heading';

describe('PageHeading', () => {
  function render(accent: string | null) {
    const fixture = TestBed.createComponent(PageHeading);
    fixture.componentRef.setInput('heading', 'Stadt Burg');
    fixture.componentRef.setInput('preline', 'Ratsinformationssystem');
    fixture.componentRef.setInput('accent', accent);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('renders the h1 with its preline in a KERN hgroup', () => {
    const element = render(null);
    expect(element.querySelector('hgroup h1')?.textContent).toBe('Stadt Burg');
    expect(element.querySelector('hgroup .kern-preline')?.textContent).toBe('Ratsinformationssystem');
  });

  it('uses the tenant colour as accent only when it is a valid hex colour', () => {
    const valid = render('#1a5e9b').querySelector('hgroup') as HTMLElement;
    expect(valid.style.getPropertyValue('--ri-accent')).toBe('#1a5e9b');
    expect(valid.classList).toContain('ri-page-heading--accent');

    const invalid = render('url(x)').querySelector('hgroup') as HTMLElement;
    expect(invalid.style.getPropertyValue('--ri-accent')).toBe('');
    expect(invalid.classList).not.toContain('ri-page-heading--accent');
  });
});
