import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router, TitleStrategy, provideRouter } from '@angular/router';
import { translocoTesting } from '../../testing/i18n-testing';
import { LanguageService } from '../i18n/language.service';
import { PageTitle, TranslatedTitleStrategy } from './page-title';

@Component({ template: '' })
class Blank {}

describe('PageTitle and TranslatedTitleStrategy', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter([
          { path: '', component: Blank, title: 'title.landing' },
          { path: 'x', component: Blank, title: 'title.notFound' },
        ]),
        { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
      ],
    });
  });

  const documentTitle = () => TestBed.inject(Title).getTitle();

  it('translates the route title key into the document title', async () => {
    await TestBed.inject(Router).navigateByUrl('/x');
    TestBed.tick();
    expect(documentTitle()).toBe('Seite nicht gefunden – Ratsinfo');
  });

  it('lets pages refine the title with parameters and follows the language', async () => {
    await TestBed.inject(Router).navigateByUrl('/');
    TestBed.tick();
    expect(documentTitle()).toBe('Kommunen im Überblick – Ratsinfo');

    TestBed.inject(PageTitle).set('title.tenant', { tenant: 'Stadt Burg' });
    TestBed.tick();
    expect(documentTitle()).toBe('Sitzungen – Stadt Burg – Ratsinfo');

    TestBed.inject(LanguageService).use('en');
    TestBed.tick();
    expect(documentTitle()).toBe('Meetings – Stadt Burg – Ratsinfo');
  });
});
