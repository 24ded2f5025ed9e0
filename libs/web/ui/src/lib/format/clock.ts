import { InjectionToken } from '@angular/core';

/** The current time; replaced in tests to make "upcoming" date ranges deterministic. */
export const CLOCK = new InjectionToken<() => Date>('CLOCK', {
  providedIn: 'root',
  factory: () => () => new Date(),
});
