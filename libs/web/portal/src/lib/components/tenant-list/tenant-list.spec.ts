import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { burg, jerichowerLand } from '../../../testing/fixtures';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { TenantList } from './tenant-list';

describe('TenantList', () => {
  it('lists the authorities sorted by name with their kind in words and a link to their portal', () => {
    TestBed.configureTestingModule({ imports: [TenantList, translocoTesting()], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(TenantList);
    fixture.componentRef.setInput('tenants', [burg, jerichowerLand]);
    fixture.detectChanges();
    const items = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('li'));

    expect(items.map((li) => li.querySelector('h3')?.textContent?.trim())).toEqual(['Landkreis Jerichower Land', 'Stadt Burg']);
    expect(items.map((li) => li.querySelector('.kern-preline')?.textContent?.trim())).toEqual(['Landkreis', 'Stadt']);
    expect(items.map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual(['/landkreis-jerichower-land', '/burg']);
  });

  it('uses a valid primary colour as a decorative accent only', () => {
    TestBed.configureTestingModule({ imports: [TenantList, translocoTesting()], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(TenantList);
    fixture.componentRef.setInput('tenants', [burg, { ...jerichowerLand, branding: { logoUrl: null, primaryColor: 'red;x:y' } }]);
    fixture.detectChanges();
    const [county, town] = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('li')) as HTMLElement[];
    expect(town.style.getPropertyValue('--ri-accent')).toBe('#1a5e9b');
    expect(county.style.getPropertyValue('--ri-accent')).toBe('');
  });
});
