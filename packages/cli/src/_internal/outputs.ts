import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { CommandContext } from './command.js';

/** Where output bytes go; a promise applies backpressure. */
export type Sink = (chunk: Uint8Array) => void | Promise<void>;

/** Thrown by a stdout sink once the reader of the pipe has gone (`gds convert … --out - | head -1`). */
export class PipeClosed extends Error {
  constructor() {
    super('stdout closed');
    this.name = 'PipeClosed';
  }
}

interface Pending {
  tmp: string;
  target: string;
  fd: number;
}

/**
 * The output files of one command run, written atomically: each goes to a temporary file beside its
 * target (`.<name>.<pid>.partial`, so the rename stays on one file system) and is renamed over the
 * target only when the whole run succeeded. On failure, on SIGINT or on SIGTERM every temporary file
 * is removed: a target is either the complete output of a run or untouched, never a valid-looking
 * prefix. `-` (or no target) means stdout.
 */
export class Outputs {
  private readonly pending: Pending[] = [];
  private readonly onSignal: (signal: NodeJS.Signals) => void;
  private stdoutClosed = false;
  private stdoutListener: ((e: Error) => void) | undefined;

  constructor(private readonly ctx: CommandContext) {
    this.onSignal = (signal) => {
      this.abort();
      ctx.stderr.write(
        `\ngds: 已中断（${signal}），未完成的输出文件已删除，目标文件保持原样（interrupted by ${signal}; the unfinished output files were removed and the targets left as they were）\n`,
      );
      // The one exit outside main(): a signal has to end the run where it is, and 130 is what
      // shells report for an interrupted command.
      process.exit(130);
    };
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  /** A sink writing to `target` (through its temporary file), or to stdout for `-` or none. */
  open(target: string | undefined): Sink {
    if (target === undefined || target === '-') return this.stdout();
    const path = resolve(this.ctx.cwd, target);
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
    // Synchronous writes to a file: simple, ordered, and done before a signal handler runs.
    const fd = openSync(tmp, 'w', 0o644);
    this.pending.push({ tmp, target: path, fd });
    return (chunk) => {
      let off = 0;
      while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
    };
  }

  /** Writes a whole text to `target` atomically (or to stdout for `-`). */
  async text(target: string, text: string): Promise<void> {
    await this.open(target)(new TextEncoder().encode(text));
  }

  private stdout(): Sink {
    const out: Writable = this.ctx.stdout;
    if (!this.stdoutListener) {
      this.stdoutListener = (e: Error & { code?: string }) => {
        if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') this.stdoutClosed = true;
      };
      out.on('error', this.stdoutListener);
    }
    return (chunk) => {
      if (this.stdoutClosed || out.destroyed) throw new PipeClosed();
      if (out.write(chunk)) return undefined;
      return new Promise<void>((ok, fail) => {
        const done = () => {
          out.off('drain', done);
          out.off('error', done);
          out.off('close', done);
          if (this.stdoutClosed || out.destroyed) fail(new PipeClosed());
          else ok();
        };
        out.on('drain', done);
        out.on('error', done);
        out.on('close', done);
      });
    };
  }

  /** Renames every temporary file over its target: the run succeeded. */
  commit(): void {
    for (const p of this.pending) closeSync(p.fd);
    for (const p of this.pending) renameSync(p.tmp, p.target);
    this.pending.length = 0;
    this.release();
  }

  /** Removes every temporary file, leaving the targets as they were. */
  abort(): void {
    for (const p of this.pending) {
      try {
        closeSync(p.fd);
      } catch {
        // already closed
      }
      try {
        unlinkSync(p.tmp);
      } catch {
        // already gone
      }
    }
    this.pending.length = 0;
    this.release();
  }

  private release(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }

  /**
   * Runs the command's work with these outputs: commits them when it returns, removes them when it
   * throws. A closed stdout pipe ends the run quietly (exit 0): its reader had what it wanted.
   */
  async run(work: () => Promise<number>): Promise<number> {
    let code: number;
    try {
      code = await work();
    } catch (error) {
      this.abort();
      if (error instanceof PipeClosed || isPipeError(error)) return 0;
      throw error;
    }
    this.commit();
    return code;
  }
}

function isPipeError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}
