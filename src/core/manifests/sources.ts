/**
 * Finding and reading the manifests a user named: files, directories (walked for `*.yaml`/`*.yml`), or
 * `-` for stdin. File access goes through a narrow port so the walk is testable and the core stays pure.
 */
import { inputError, isSpotctlError } from '../errors.js';
import { nearest } from '../text/nearest.js';
import { parseYamlFile, type ParsedFile } from './parse.js';
import { normaliseFiles } from './normalise.js';
import type { ManifestSet } from './types.js';

export interface ManifestFsPort {
  /** `file`, `dir`, or undefined when the path does not exist. Follows symlinks. */
  kind(path: string): Promise<'file' | 'dir' | 'other' | undefined>;
  readDir(path: string): Promise<string[]>;
  readText(path: string): Promise<string>;
  readStdin(): Promise<string>;
  /** Canonical path, to walk each directory once even through symlink loops. */
  realPath(path: string): Promise<string>;
  join(...parts: string[]): string;
}

/** Files larger than this are refused: manifests are kilobytes, a huge file is a mistake or an attack. */
export const MAX_MANIFEST_BYTES = 5 * 1024 * 1024;
const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.terraform', 'vendor']);
const MAX_DEPTH = 16;

export interface CollectedFiles {
  files: Array<{ path: string; text: string }>;
  notes: string[];
}

/**
 * Expand paths into files, in a stable order. A named file is read whatever its extension; directories
 * contribute only YAML files (other files are counted in a note). Missing paths fail with a hint.
 */
export async function collectManifestFiles(paths: string[], fs: ManifestFsPort): Promise<CollectedFiles> {
  const files: CollectedFiles['files'] = [];
  const notes: string[] = [];
  const seenDirs = new Set<string>();
  let stdinRead = false;

  const readFile = async (path: string, text?: string) => {
    let content: string;
    try {
      content = text ?? (await fs.readText(path));
    } catch (error) {
      if (isSpotctlError(error)) throw error;
      throw inputError(
        'FILE_NOT_READABLE',
        `cannot read ${path}: ${(error as { code?: string }).code ?? (error as Error).message}`,
        {
          suggestions: ['Check the file’s permissions, or pass its content on stdin with -.'],
        },
      );
    }
    if (Buffer.byteLength(content, 'utf8') > MAX_MANIFEST_BYTES) {
      throw inputError(
        'MANIFEST_TOO_LARGE',
        `${path} is larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB`,
        {
          suggestions: ['Point spotctl at the Karpenter manifests themselves, not a bundle or a log.'],
        },
      );
    }
    files.push({ path, text: content });
  };

  const walk = async (dir: string, depth: number): Promise<void> => {
    const real = await fs.realPath(dir);
    if (seenDirs.has(real) || depth > MAX_DEPTH) return;
    seenDirs.add(real);
    const names = (await fs.readDir(dir)).sort();
    let skipped = 0;
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const full = fs.join(dir, name);
      const kind = await fs.kind(full);
      if (kind === 'dir') {
        if (!SKIPPED_DIRS.has(name)) await walk(full, depth + 1);
      } else if (kind === 'file' && YAML_FILE.test(name)) {
        await readFile(full);
      } else if (kind === 'file') {
        skipped += 1;
      }
    }
    if (skipped > 0)
      notes.push(`${dir}: skipped ${skipped} ${skipped === 1 ? 'file that is' : 'files that are'} not YAML`);
  };

  for (const path of paths) {
    if (path === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      await readFile('-', await fs.readStdin());
      continue;
    }
    const kind = await fs.kind(path);
    if (kind === undefined) {
      throw inputError('PATH_NOT_FOUND', `${path}: no such file or directory`, {
        suggestions: [await missingPathHint(path, fs)],
      });
    }
    if (kind === 'dir') {
      const before = files.length;
      await walk(path, 0);
      if (files.length === before) {
        throw inputError('NO_MANIFESTS', `${path}: no .yaml or .yml files in this directory`, {
          suggestions: ['Name the manifest files directly, or pass the directory that holds them.'],
        });
      }
    } else if (kind === 'file') {
      await readFile(path);
    } else {
      throw inputError('NOT_A_FILE', `${path} is not a regular file or directory`, {
        suggestions: ['Pass manifest files or directories, or - to read stdin.'],
      });
    }
  }
  return { files, notes };
}

async function missingPathHint(path: string, fs: ManifestFsPort): Promise<string> {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dir = slash >= 0 ? path.slice(0, slash) || '/' : '.';
  const base = path.slice(slash + 1);
  try {
    if ((await fs.kind(dir)) === 'dir') {
      const similar = nearest(base, await fs.readDir(dir), 1);
      if (similar[0]) return `Did you mean ${fs.join(dir === '.' ? '' : dir, similar[0])}?`;
    }
  } catch {
    // A hint is best effort; the error itself is what matters.
  }
  return 'Check the path; pass - to read manifests from stdin.';
}

/** Parse and normalise collected files. */
export function loadManifestTexts(files: Array<{ path: string; text: string }>): ManifestSet {
  const parsed: ParsedFile[] = files.map((file) => parseYamlFile(file.path, file.text));
  return normaliseFiles(parsed);
}

/** Collect, parse and normalise in one step. */
export async function loadManifests(paths: string[], fs: ManifestFsPort): Promise<ManifestSet> {
  const collected = await collectManifestFiles(paths, fs);
  const set = loadManifestTexts(collected.files);
  set.notes.unshift(...collected.notes);
  return set;
}
