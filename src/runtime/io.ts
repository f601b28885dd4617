/**
 * What a command reads from and writes to the outside world: its streams, environment, clock and exit
 * code. A real run uses the process's; an in-process test runs a command with its own (gh's `opts` +
 * `runF` seam), so most behaviour is tested without spawning a CLI.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface OutputStream {
  write(text: string): boolean;
  isTTY?: boolean;
  /** Terminal width, when a terminal. */
  columns?: number;
}

export interface InputStream extends AsyncIterable<Uint8Array | string> {
  isTTY?: boolean;
  /** The descriptor behind it, when it is the process's own: a reader may read it directly. */
  fd?: number;
}

export interface CommandIo {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: InputStream;
  env: Record<string, string | undefined>;
  now(): Date;
  setExitCode(code: number): void;
}

const storage = new AsyncLocalStorage<CommandIo>();

const processIo = (): CommandIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  now: () => new Date(),
  setExitCode: (code) => {
    process.exitCode = code;
  },
});

/** The io of the command running in this async context: the process's unless a test supplied one. */
export const currentIo = (): CommandIo => storage.getStore() ?? processIo();

/** Run `body` (a whole command) with `io` as its outside world. */
export const runWithIo = <T>(io: CommandIo, body: () => Promise<T>): Promise<T> => storage.run(io, body);
