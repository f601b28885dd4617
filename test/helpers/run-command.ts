/**
 * Run a spotctl command in this process (gh's `runF` seam): the real oclif parsing, base command, core and
 * adapters, with the command's streams, environment and clock supplied here. Most command behaviour is
 * tested this way; a few spawned tests (test/e2e) keep the exit codes, no-TTY path, signals and start-up
 * cost of the real binary honest.
 */
import { Readable } from 'node:stream';

import { Config, Errors, type Command } from '@oclif/core';

import { runWithIo, type CommandIo, type OutputStream } from '../../src/runtime/io.js';
import { isolatedEnv } from './cli.js';
import { repoRoot } from './shared.js';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCommandOptions {
  env?: Record<string, string | undefined>;
  /** What stdin holds; nothing (and not a terminal) by default. */
  input?: string | Buffer;
  now?: Date;
  /** Pretend stdout/stderr/stdin are terminals of this width. */
  tty?: { columns: number };
}

let config: Promise<Config> | undefined;

class Captured implements OutputStream {
  text = '';
  constructor(
    readonly isTTY?: boolean,
    readonly columns?: number,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

type CommandClass = { new (argv: string[], config: Config): Command; id?: string };

/**
 * Run `Cmd` with `argv` as `spotctl` would. The environment is isolated like a spawned run's (no AWS
 * credentials or config of this machine, NO_COLOR) and applied to `process.env` for the duration, since
 * oclif's flag defaults and the AWS SDK's credential chain read it there.
 */
export async function runCommand(
  Cmd: CommandClass,
  argv: string[],
  options: RunCommandOptions = {},
): Promise<CommandResult> {
  config ??= Config.load(repoRoot);
  const loaded = await config;
  const stdout = new Captured(options.tty ? true : undefined, options.tty?.columns);
  const stderr = new Captured(options.tty ? true : undefined, options.tty?.columns);
  const stdin = Object.assign(
    Readable.from(options.input === undefined ? [] : [Buffer.from(options.input)]),
    { isTTY: options.tty ? true : undefined },
  );
  let code = 0;
  const env = isolatedEnv(options.env);
  const io: CommandIo = {
    stdout,
    stderr,
    stdin,
    env,
    now: () => options.now ?? new Date(),
    setExitCode: (value) => {
      code = value;
    },
  };
  const saved = process.env;
  process.env = { ...env };
  try {
    await runWithIo(io, async () => {
      const command = new Cmd(argv, loaded);
      command.id ??= Cmd.id;
      // `_run` (parse, run, catch, --json) is what oclif's own runner calls; it is protected in its types.
      await (command as unknown as { _run(): Promise<unknown> })._run();
    });
  } catch (error) {
    if (!(error instanceof Errors.ExitError)) throw error;
    code = error.oclif.exit ?? 1;
  } finally {
    process.env = saved;
  }
  return { code, stdout: stdout.text, stderr: stderr.text };
}
