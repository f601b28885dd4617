/**
 * The file-system side of manifest loading: the core walks directories through this narrow port.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { MAX_MANIFEST_BYTES, type ManifestFsPort } from '../../core/manifests/sources.js';
import { readCapped, readTextFile, type ReadRules } from './read-files.js';

const MANIFEST_RULES: ReadRules = {
  maxBytes: MAX_MANIFEST_BYTES,
  what: 'manifest',
  code: 'FILE_NOT_READABLE',
  suggestion: 'Check the path and its permissions, or pass the content on stdin with -.',
  tooLargeCode: 'MANIFEST_TOO_LARGE',
};

export function nodeManifestFs(stdin: AsyncIterable<Uint8Array | string>): ManifestFsPort {
  return {
    async kind(path) {
      try {
        const info = await stat(path);
        // A FIFO (`<(kubectl get nodepools -o yaml)`) is read like a file, under the same cap.
        return info.isFile() || info.isFIFO() ? 'file' : info.isDirectory() ? 'dir' : 'other';
      } catch {
        return undefined;
      }
    },
    readDir: (path) => readdir(path),
    readText: (path) => readTextFile(path, MANIFEST_RULES),
    readStdin: () => readCapped(stdin, 'stdin', MANIFEST_RULES),
    realPath: (path) => realpath(path),
    join: (...parts) => join(...parts),
  };
}
