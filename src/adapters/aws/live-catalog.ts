import type { Catalog } from '../../core/catalog/types.js';
import { BugError } from '../../core/errors.js';
import type { AwsOptions } from './options.js';

export type CredentialProbe = { ok: true } | { ok: false; reason: string };

export async function probeCredentials(_options: AwsOptions): Promise<CredentialProbe> {
  return { ok: false, reason: 'live AWS access is not built yet' };
}

export async function createLiveCatalog(_options: AwsOptions): Promise<Catalog> {
  throw new BugError('live AWS catalog is not built yet');
}
