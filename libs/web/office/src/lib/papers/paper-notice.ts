import { Injectable, signal } from '@angular/core';

/** A message for the next paper page, e.g. "BV/0001/2026 wurde angelegt." after creating it there. */
export interface PaperNoticeMessage {
  key: string;
  params: Record<string, string>;
}

/**
 * Hands a confirmation from one paper page to the next (create → edit page, delete → list): the
 * page that navigates leaves it here, the next page takes it once and shows it in its status region.
 */
@Injectable({ providedIn: 'root' })
export class PaperNotice {
  private readonly pending = signal<PaperNoticeMessage | null>(null);

  leave(key: string, params: Record<string, string> = {}): void {
    this.pending.set({ key, params });
  }

  take(): PaperNoticeMessage | null {
    const message = this.pending();
    this.pending.set(null);
    return message;
  }
}
