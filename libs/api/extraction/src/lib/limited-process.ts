import { spawn } from 'node:child_process';

/**
 * Runs one program on an untrusted file as a child process with hard limits, so that whatever
 * the file does to the program (endless loop, memory blow-up, crash) never reaches the worker:
 *
 * - its own process group (`detached`), killed as a whole (SIGKILL) when the deadline passes;
 * - address space limited with `ulimit -v` in the `/bin/sh` that execs it (not for Node itself,
 *   whose V8 reserves more address space than it uses: Node children get `--max-old-space-size`);
 * - stdout capped (`maxOutputBytes`): more is a failure, not an out-of-memory worker.
 */
export interface LimitedRun {
  /** The program (a name on PATH or a path). */
  command: string;
  args: string[];
  /** Absolute time (ms since epoch) by which it must have finished. */
  deadline: number;
  /** Address-space limit in KiB (ulimit -v); 0 or absent: none. */
  memoryKb?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  maxOutputBytes?: number;
}

export interface LimitedResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Why an extraction failed because of the file (recorded on the version, not retried). */
export class ExtractionFailure extends Error {
  constructor(
    /** Short kind: `timeout`, `crashed`, `pdf-broken`, `output-limit`, `docx-broken`, `ocr-failed`. */
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'ExtractionFailure';
  }

  /** "<kind>: <message>" as stored in file_versions.text_extraction_error. */
  get reason(): string {
    return `${this.kind}: ${this.message}`;
  }
}

/** A program we need is not installed (ENOENT): our infrastructure, so the job retries. */
export class ExtractionToolMissing extends Error {
  constructor(command: string) {
    super(`extraction tool missing: ${command} (install poppler-utils, tesseract-ocr, tesseract-ocr-deu)`);
    this.name = 'ExtractionToolMissing';
  }
}

const STDERR_KEEP = 4000;

/** Resolves with the result of a finished run (any exit code); rejects with ExtractionFailure on timeout or output overflow. */
export function runLimited(run: LimitedRun): Promise<LimitedResult> {
  const remaining = run.deadline - Date.now();
  if (remaining <= 0) return Promise.reject(new ExtractionFailure('timeout', 'no time left'));
  const memory = run.memoryKb && run.memoryKb > 0 ? `ulimit -v ${Math.floor(run.memoryKb)} 2>/dev/null; ` : '';
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', `${memory}exec "$0" "$@"`, run.command, ...run.args], {
      cwd: run.cwd,
      env: run.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let failure: ExtractionFailure | null = null;
    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      failure ??= new ExtractionFailure('timeout', `${run.command} still running at the deadline`);
      killGroup();
    }, remaining);
    child.stdout.on('data', (d: Buffer) => {
      outBytes += d.length;
      if (run.maxOutputBytes && outBytes > run.maxOutputBytes) {
        failure ??= new ExtractionFailure('output-limit', `${run.command} wrote more than ${run.maxOutputBytes} bytes`);
        killGroup();
        return;
      }
      out.push(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      if (err.length < STDERR_KEEP) err += d.toString('utf8').slice(0, STDERR_KEEP - err.length);
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      // Grandchildren (if any) go with the group, also after a normal exit.
      killGroup();
      if (failure) return reject(failure);
      // The shell could not exec the program: not installed.
      if (code === 127 && /not found|No such file/i.test(err)) return reject(new ExtractionToolMissing(run.command));
      resolve({ stdout: Buffer.concat(out), stderr: err, code, signal });
    });
  });
}

/** The first meaningful line of a program's error output, for a short reason. */
export function firstLine(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);
  return (line ?? 'no error output').slice(0, 200);
}

/** A run that ended by a signal or with a non-zero code, as a failure of the file. */
export function failureOf(command: string, r: LimitedResult, kind: string): ExtractionFailure {
  if (r.signal) return new ExtractionFailure('crashed', `${command} killed by ${r.signal}${r.stderr ? ` (${firstLine(r.stderr)})` : ''}`);
  return new ExtractionFailure(kind, `${command} exit ${r.code}: ${firstLine(r.stderr)}`);
}
