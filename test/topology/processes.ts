import { ChildProcess, ChildProcessByStdio, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { stopProcess } from '../../libs/temporal/dev-server';

export type Env = Record<string, string>;

/** Where every process of the topology writes its output (kept after the run: .ci reads them on failure). */
export class ProcessLogs {
  constructor(readonly dir: string) {}

  file(name: string): string {
    return join(this.dir, `${name}.log`);
  }

  /** A long-running process, its output appended to `<name>.log`. */
  spawn(name: string, command: string, args: string[], env: Env): ChildProcessByStdio<null, Readable, Readable> {
    const child = spawn(command, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(this.file(name), { flags: 'a' });
    // Two sources into one file: neither may end it (stdout ending first made stderr's next
    // write a "write after end" that failed the suite); it ends once both are closed.
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.once('close', () => log.end());
    return child;
  }

  /** A one-shot job (a compose job's command): resolves with its output when it exits 0, else fails with the log's tail. */
  async run(name: string, command: string, args: string[], env: Env): Promise<string> {
    const child = this.spawn(name, command, args, env);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c) => resolve(c));
    });
    if (code !== 0) throw new Error(`${name} exited with ${code}:\n${this.tail(name)}`);
    return output;
  }

  tail(name: string, lines = 30): string {
    try {
      return readFileSync(this.file(name), 'utf8')
        .split('\n')
        .slice(-lines)
        .map((line) => line.slice(0, 600))
        .join('\n');
    } catch {
      return '(no output)';
    }
  }
}

/**
 * A process restarted whenever it exits, as compose's `restart: unless-stopped` does. Keeps
 * the pid of every start, so a Temporal worker identity (it names the pid) names its replica.
 */
export class Supervised {
  readonly pids: number[] = [];
  private child?: ChildProcess;
  private stopping = false;

  constructor(
    private readonly logs: ProcessLogs,
    readonly name: string,
    private readonly args: string[],
    private readonly env: Env,
  ) {}

  start(): this {
    const child = this.logs.spawn(this.name, process.execPath, this.args, this.env);
    this.child = child;
    if (child.pid !== undefined) this.pids.push(child.pid);
    child.once('exit', () => {
      if (!this.stopping && this.child === child) this.start();
    });
    return this;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** kill -9 of the running process; the supervisor starts the next one. */
  async kill9(): Promise<void> {
    const victim = this.child!;
    if (victim.exitCode !== null || victim.signalCode !== null) return;
    const exited = new Promise((r) => victim.once('exit', r));
    victim.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child) await stopProcess(this.child, 10_000);
  }
}
