import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';

type TitleParams = Record<string, string>;
import { Observable, map, switchMap } from 'rxjs';

/** A page title as a translation key with its parameters, e.g. `{ key: 'title.tenant', params: { tenant: 'Stadt Burg' } }`. */
export interface PageTitleSpec {
  key: string;
  params?: TitleParams;
}

/**
 * The document title: `<page> – <app name>`, translated into the active language and updated
 * when the language changes. Routes give a translation key as `title`; pages that know more
 * (e.g. the name of a meeting once it has loaded) refine it with {@link PageTitle.set}.
 */
@Injectable({ providedIn: 'root' })
export class PageTitle {
  private readonly title = inject(Title);
  private readonly transloco = inject(TranslocoService);
  private readonly spec = signal<PageTitleSpec | null>(null);

  /** The current title as key and parameters (for tests and diagnostics). */
  readonly current = this.spec.asReadonly();

  constructor() {
    const subscription = toObservable(this.spec)
      .pipe(switchMap((spec) => this.render(spec)))
      .subscribe((text) => this.title.setTitle(text));
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  /** Sets the page part of the document title. */
  set(key: string, params?: TitleParams): void {
    this.spec.set({ key, params });
  }

  private render(spec: PageTitleSpec | null): Observable<string> {
    if (!spec) return this.transloco.selectTranslate<string>('app.name');
    return this.transloco.selectTranslate<string>(spec.key, spec.params).pipe(
      switchMap((page) => this.transloco.selectTranslate<string>('title.template', { page })),
      map((text) => text || spec.key),
    );
  }
}

/** Router title strategy: the route's `title` is a translation key, handed to {@link PageTitle}. */
@Injectable({ providedIn: 'root' })
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly pageTitle = inject(PageTitle);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const key = this.buildTitle(snapshot);
    if (key) this.pageTitle.set(key);
  }
}

