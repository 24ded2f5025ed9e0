import { randomUUID } from 'node:crypto';
import { OutboxHandlerRegistry } from '@ratsinfo/api-jobs';
import { testEnv } from '@ratsinfo/api-testing';
import { Queue } from 'bullmq';
import { redisConnection } from './redis-connection';
import { ensureSchedulers } from './maintenance-schedules';

/**
 * Against the test stack's Redis, in a key prefix of this test's own: the maintenance schedulers
 * come back when Redis lost them (a restart without persistence, or Redis down at boot).
 */
describe('maintenance schedules', () => {
  let queue: Queue;
  let registry: OutboxHandlerRegistry;
  const ensure = () => ensureSchedulers(registry, queue);

  beforeAll(() => {
    registry = new OutboxHandlerRegistry();
    registry.registerTask('test-housekeeping', { everyMs: 3_600_000, run: async () => undefined });
    queue = new Queue('ratsinfo-maintenance', { connection: redisConnection(testEnv().redisUrl), prefix: `test-${randomUUID().slice(0, 8)}` });
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('creates a missing scheduler, leaves an existing one alone, and puts it back after Redis lost it', async () => {
    expect(await ensure()).toEqual(['test-housekeeping']);
    const first = await queue.getJobScheduler('test-housekeeping');
    expect(first).toMatchObject({ key: 'test-housekeeping', every: 3_600_000 });

    expect(await ensure()).toEqual([]);
    expect((await queue.getJobScheduler('test-housekeeping'))?.next).toBe(first?.next);

    // What a Redis restart without persistence does to the queue's keys.
    await queue.obliterate({ force: true });
    expect(await queue.getJobScheduler('test-housekeeping')).toBeUndefined();
    expect(await ensure()).toEqual(['test-housekeeping']);
    expect(await queue.getJobScheduler('test-housekeeping')).toMatchObject({ key: 'test-housekeeping' });
  });
});
