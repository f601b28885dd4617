/**
 * `spotctl convert`: read v1alpha5/v1beta1 manifests, convert them to v1, and either print them as one
 * stream or write one file per input into a directory (all of them, or none). Objects convert refused
 * (the user must decide something, or v1 would reject them) make the run exit 1.
 */
import { ExitCode, usageError, type ExitCodeValue } from '../errors.js';
import type { FileWriter } from '../files.js';
import { collectManifestFiles, type ManifestFsPort } from '../manifests/sources.js';
import { ubuntuAmiTerm } from './ami.js';
import { convertManifests, stringifyConverted } from './convert.js';
import type { ConvertMessage, ConvertedFile, RefusedObject } from './types.js';

export interface ConvertOptions {
  paths: string[];
  outputDir?: string;
  force: boolean;
  role?: string;
  ignoreDefaults: boolean;
  strict: boolean;
  /** `--ubuntu-ami`: the AMI for Ubuntu node classes that select none themselves. */
  ubuntuAmi?: string;
  /** Stamped into every converted file. */
  stamp: { version: string; date: string };
}

export interface ConvertDeps {
  manifests: ManifestFsPort;
  files: FileWriter;
  note: (message: string) => void;
}

/** The JSON contract of `spotctl convert --json`. */
export interface ConvertOutput {
  files: Array<ConvertedFile & { output?: string; content: string }>;
  messages: ConvertMessage[];
  warnings: number;
  /** Objects not written, each with what the user must decide or why the API server would reject it. */
  refused: RefusedObject[];
  written: boolean;
}

export interface ConvertRun {
  output: ConvertOutput;
  exitCode: ExitCodeValue;
}

export async function runConvert(options: ConvertOptions, deps: ConvertDeps): Promise<ConvertRun> {
  if (options.paths.length === 0) {
    throw usageError('NO_FILES', 'convert needs the manifests to convert', {
      suggestions: ['Pass files or directories (spotctl convert provisioner.yaml), or - to read stdin.'],
    });
  }
  const ubuntuAmi = options.ubuntuAmi === undefined ? undefined : ubuntuAmiTerm(options.ubuntuAmi);
  const { files: inputs, notes } = await collectManifestFiles(options.paths, deps.manifests);
  for (const note of notes) deps.note(`note: ${note}`);

  const result = convertManifests(inputs, {
    ignoreDefaults: options.ignoreDefaults,
    role: options.role,
    ubuntuAmi,
  });
  const named = outputNames(result.files, options.outputDir, deps.manifests.join);
  const files = result.files.map((file) => ({
    ...file,
    content: stringifyConverted(file, options.stamp),
    ...(named.has(file.source) ? { output: named.get(file.source) } : {}),
  }));

  let written = false;
  if (options.outputDir) {
    const toWrite = files.filter((file) => file.output && file.documents.length > 0);
    await deps.files.writeFiles(
      toWrite.map((file) => ({ path: file.output!, content: file.content })),
      { force: options.force },
    );
    written = true;
  }
  const warnings = result.messages.filter((m) => m.level === 'warning').length;
  const refused = result.files.flatMap((file) => file.refused);
  return {
    output: { files, messages: result.messages, warnings, refused, written },
    exitCode: refused.length > 0 || (options.strict && warnings > 0) ? ExitCode.findings : ExitCode.ok,
  };
}

const baseName = (path: string): string =>
  path
    .replace(/[/\\]+$/, '')
    .split(/[/\\]/)
    .pop() ?? path;

/** One output file per input, named like it; two inputs with the same name cannot share a directory. */
function outputNames(
  files: ConvertedFile[],
  dir: string | undefined,
  join: (...parts: string[]) => string,
): Map<string, string> {
  const names = new Map<string, string>();
  if (!dir) return names;
  const seen = new Map<string, string>();
  for (const file of files) {
    const name = file.source === '-' ? 'stdin.yaml' : baseName(file.source);
    const other = seen.get(name);
    if (other) {
      throw usageError('OUTPUT_NAME_CLASH', `${other} and ${file.source} would both be written as ${name}`, {
        suggestions: ['Convert them in separate runs, or print to stdout without --output-dir.'],
      });
    }
    seen.set(name, file.source);
    names.set(file.source, join(dir, name));
  }
  return names;
}
