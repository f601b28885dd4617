/**
 * The core's GetProducts port over a PricingClient (whose endpoint is in us-east-1 whatever Region is
 * analysed): the SDK paginator, pages collected under an idle deadline, errors as AwsCallError.
 */
import type { PricingClient } from '@aws-sdk/client-pricing';

import type { GetProductsPort } from '../../core/aws/ports.js';
import { collectPages, type PageOptions } from './pages.js';

/** GetProducts returns at most 100 products per page. */
export const PRICING_PAGE_SIZE = 100;

export async function getProductsPort(client: PricingClient, options: PageOptions): Promise<GetProductsPort> {
  const sdk = await import('@aws-sdk/client-pricing');
  return {
    getProducts: (input) =>
      collectPages(
        'GetProducts',
        (abortSignal) =>
          sdk.paginateGetProducts(
            { client, pageSize: PRICING_PAGE_SIZE },
            { ...input, Filters: input.Filters.map((filter) => ({ ...filter })), FormatVersion: 'aws_v1' },
            { abortSignal },
          ),
        (page) => page.PriceList?.map(String),
        options,
      ),
  };
}
