/**
 * Typed errors and the one table of exit codes. Every user-facing error carries a stable `code`, the exit
 * code it maps to, and at least one next step, so the CLI can print one line and a hint — never a stack.
 */

/** Exit codes, documented in the README. Keep this the only place they are defined. */
export const ExitCode = {
  /** Success; for checks: nothing at or above the failing threshold was found. */
  ok: 0,
  /** A check ran and found problems: lint errors, a quota shortfall, `--fail-on` matched. */
  findings: 1,
  /** Bad flags or arguments, or a question that must be answered by flag when there is no TTY. */
  usage: 2,
  /** Bad input: missing or malformed file, unknown instance type or region, refused overwrite. */
  input: 3,
  /** AWS credentials or permissions are missing for a command that cannot work without them. */
  auth: 4,
  /** AWS or network failure that retries did not cure (timeout, endpoint unreachable, service error). */
  aws: 5,
  /** A bug in spotctl. */
  internal: 70,
  /** Interrupted by the user (Ctrl-C). */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface SpotctlErrorOptions {
  /** Next steps for the user, most useful first. */
  suggestions?: string[];
  /** A documentation link. */
  ref?: string;
  cause?: unknown;
}

/** An error as `--json` prints it. */
export interface ErrorJson {
  /** Stable machine-readable code, e.g. `UNKNOWN_INSTANCE_TYPE`. */
  code: string;
  /** One line saying what went wrong. */
  message: string;
  /** The process exit code (see the README's table). */
  exitCode: number;
  /** Next steps, most useful first. */
  suggestions: string[];
  /** A documentation link. */
  ref?: string;
}

/** What any command prints on stdout for an error under `--json` (or `-o yaml`). */
export interface ErrorOutput {
  error: ErrorJson;
}

/** Base for every error spotctl expects and explains. */
export class SpotctlError extends Error {
  readonly suggestions: string[];
  readonly ref?: string;

  constructor(
    /** Stable machine-readable code, e.g. `UNKNOWN_INSTANCE_TYPE`. */
    readonly code: string,
    message: string,
    readonly exitCode: ExitCodeValue,
    options: SpotctlErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SpotctlError';
    this.suggestions = options.suggestions ?? [];
    this.ref = options.ref;
  }

  toJSON(): ErrorJson {
    return {
      code: this.code,
      message: this.message,
      exitCode: this.exitCode,
      suggestions: this.suggestions,
      ...(this.ref ? { ref: this.ref } : {}),
    };
  }
}

export const usageError = (code: string, message: string, options?: SpotctlErrorOptions): SpotctlError =>
  new SpotctlError(code, message, ExitCode.usage, options);

export const inputError = (code: string, message: string, options?: SpotctlErrorOptions): SpotctlError =>
  new SpotctlError(code, message, ExitCode.input, options);

export const authError = (code: string, message: string, options?: SpotctlErrorOptions): SpotctlError =>
  new SpotctlError(code, message, ExitCode.auth, options);

export const awsError = (code: string, message: string, options?: SpotctlErrorOptions): SpotctlError =>
  new SpotctlError(code, message, ExitCode.aws, options);

/** A programmer error: something spotctl itself got wrong. */
export class BugError extends SpotctlError {
  constructor(message: string, cause?: unknown) {
    super('BUG', message, ExitCode.internal, {
      suggestions: ['Re-run with DEBUG=spotctl* to see details, and report it with the command you ran.'],
      cause,
    });
    this.name = 'BugError';
  }
}

export const isSpotctlError = (error: unknown): error is SpotctlError => error instanceof SpotctlError;
