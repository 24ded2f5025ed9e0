/**
 * Child processes in their own process groups, so that stopping one stops everything it
 * started (nx, webpack, esbuild workers), and nothing is left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Managed {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function startProcess(name: string, cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; output?: (line: string) => void }): Managed {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = opts.output ?? ((line: string) => process.stdout.write(`[${name}] ${line}\n`));
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream?.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) out(l);
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        killGroup(child, 'SIGKILL');
        return;
      }
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 8000);
      await exited;
      clearTimeout(timer);
      // Grandchildren that ignored SIGTERM (or outlived their parent) go too.
      killGroup(child, 'SIGKILL');
    })());
  return { name, child, exited, stop };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}
