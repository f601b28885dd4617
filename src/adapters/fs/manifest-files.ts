/**
 * The file-system side of manifest loading: the core walks directories through this narrow port.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { ManifestFsPort } from '../../core/manifests/sources.js';

async function readStdin(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export function nodeManifestFs(stdin: AsyncIterable<Uint8Array | string>): ManifestFsPort {
  return {
    async kind(path) {
      try {
        const info = await stat(path);
        return info.isFile() ? 'file' : info.isDirectory() ? 'dir' : 'other';
      } catch {
        return undefined;
      }
    },
    readDir: (path) => readdir(path),
    readText: (path) => readFile(path, 'utf8'),
    readStdin: () => readStdin(stdin),
    realPath: (path) => realpath(path),
    join: (...parts) => join(...parts),
  };
}
