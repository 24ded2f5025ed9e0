import { Test } from '@nestjs/testing';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { stopWorker } from './graceful-shutdown';

/**
 * The worker's SIGTERM order on a real Nest application context: every BullMQ worker has
 * finished its running job (close resolved) before any module is destroyed (the database pool).
 */
const events: string[] = [];

class FakeWorker {
  constructor(private readonly name: string, private readonly jobMs: number) {}
  async close(): Promise<void> {
    events.push(`${this.name}: close asked`);
    await new Promise((r) => setTimeout(r, this.jobMs));
    events.push(`${this.name}: running job done`);
  }
}

@Injectable()
class MailLike {
  readonly worker = new FakeWorker('mail', 300);
}
@Injectable()
class FilesLike {
  readonly worker = new FakeWorker('files', 100);
}
@Injectable()
class NotStarted {
  get worker(): FakeWorker {
    throw new Error('Worker has not yet been initialized');
  }
}
@Injectable()
class DatabaseLike implements OnModuleDestroy {
  onModuleDestroy(): void {
    events.push('database closed');
  }
}

describe('stopWorker', () => {
  it('closes the BullMQ workers (their running jobs finish) before the modules are destroyed', async () => {
    const moduleRef = await Test.createTestingModule({ providers: [MailLike, FilesLike, NotStarted, DatabaseLike] }).compile();
    const app = await moduleRef.init();
    const logs: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- fakes stand in for the WorkerHost classes
    await stopWorker(app, [MailLike, FilesLike, NotStarted, class Missing {}] as any, (m) => logs.push(m));
    expect(events.indexOf('database closed')).toBe(events.length - 1);
    expect(events.slice(0, -1).sort()).toEqual(['files: close asked', 'files: running job done', 'mail: close asked', 'mail: running job done']);
    expect(logs[0]).toMatch(/2 queues/);
  });
});
