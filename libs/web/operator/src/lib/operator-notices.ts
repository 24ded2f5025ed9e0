import { Injectable, signal } from '@angular/core';

/** A confirmation to show on the next page, e.g. "Stadt X wurde gelöscht" on the list after deleting. */
export interface OperatorNotice {
  key: string;
  params?: Record<string, string>;
}

/** Route-level store of the operator console for a notice that outlives a navigation. */
@Injectable()
export class OperatorNotices {
  private readonly pending = signal<OperatorNotice | null>(null);

  set(notice: OperatorNotice): void {
    this.pending.set(notice);
  }

  /** Returns the pending notice once. */
  take(): OperatorNotice | null {
    const notice = this.pending();
    this.pending.set(null);
    return notice;
  }
}
