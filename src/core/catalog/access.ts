import type { Catalog } from './types.js';

/**
 * How a command's core reaches instance-type data: the Region it works in and the catalog for it (live
 * AWS, a snapshot or the bundled data — the core does not care which). Resolved once per run by the CLI.
 */
export interface CatalogAccess {
  /** The Region to work in; throws REGION_REQUIRED when none can be found. */
  region(): Promise<string>;
  /** --region or the AWS_REGION variables only, without reading any config file. */
  readonly regionHint: string | undefined;
  /** The catalog; `undefined` Region: the source's own (the profile's, for live AWS). */
  catalog(region: string | undefined): Promise<Catalog>;
}
