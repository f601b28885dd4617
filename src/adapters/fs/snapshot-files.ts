/**
 * Catalog snapshots on disk: the one bundled with spotctl (found relative to this module, never the working
 * directory) and those `spotctl snapshot` writes.
 */
import { readFile } from 'node:fs/promises';

import { SnapshotCatalog, parseSnapshot } from '../../core/catalog/snapshot.js';
import { readTextFile, type ReadRules } from './read-files.js';

const BUNDLED = new URL('../../data/bundled-snapshot.json', import.meta.url);

let bundled: Promise<SnapshotCatalog> | undefined;

/** The bundled snapshot, parsed once per process. */
export function loadBundledCatalog(): Promise<SnapshotCatalog> {
  bundled ??= readFile(BUNDLED, 'utf8').then(
    (text) => new SnapshotCatalog(parseSnapshot(text, 'bundled snapshot'), 'bundled', 'bundled'),
  );
  return bundled;
}

/** A whole Region of every instance type with a month of prices is tens of MB; far past that is a mistake. */
const SNAPSHOT_RULES: ReadRules = {
  maxBytes: 256 * 1024 * 1024,
  what: 'snapshot',
  code: 'SNAPSHOT_NOT_READABLE',
  suggestion: 'Check the path, or write one with `spotctl snapshot --region <region> --output-file <file>`.',
};

export async function loadSnapshotCatalog(path: string): Promise<SnapshotCatalog> {
  const text = await readTextFile(path, SNAPSHOT_RULES);
  return new SnapshotCatalog(parseSnapshot(text, path), 'snapshot', path);
}
