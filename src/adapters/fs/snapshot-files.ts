/**
 * Catalog snapshots on disk: the one bundled with spotctl (found relative to this module, never the working
 * directory) and those `spotctl snapshot` writes.
 */
import { readFile } from 'node:fs/promises';

import { SnapshotCatalog, parseSnapshot } from '../../core/catalog/snapshot.js';
import { inputError } from '../../core/errors.js';

const BUNDLED = new URL('../../data/bundled-snapshot.json', import.meta.url);

let bundled: Promise<SnapshotCatalog> | undefined;

/** The bundled snapshot, parsed once per process. */
export function loadBundledCatalog(): Promise<SnapshotCatalog> {
  bundled ??= readFile(BUNDLED, 'utf8').then(
    (text) => new SnapshotCatalog(parseSnapshot(text, 'bundled snapshot'), 'bundled', 'bundled'),
  );
  return bundled;
}

export async function loadSnapshotCatalog(path: string): Promise<SnapshotCatalog> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(
      'SNAPSHOT_NOT_READABLE',
      `cannot read snapshot ${path}: ${code ?? (error as Error).message}`,
      {
        suggestions: [
          'Check the path, or write one with `spotctl snapshot --region <region> --output <file>`.',
        ],
      },
    );
  }
  return new SnapshotCatalog(parseSnapshot(text, path), 'snapshot', path);
}
