/**
 * The core's EC2 ports over an EC2Client: one SDK paginator per port, pages collected under an idle
 * deadline, SDK errors translated to AwsCallError. The SDK module is imported dynamically.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';

import type { Ec2CatalogPorts } from '../../core/aws/ports.js';
import { collectPages, onePage, type PageOptions } from './pages.js';

/** Largest pages each API allows: fewer round trips for the same records. */
export const EC2_PAGE_SIZE = {
  DescribeInstanceTypes: 100,
  DescribeInstanceTypeOfferings: 1000,
  DescribeSpotPriceHistory: 1000,
} as const;

export async function ec2CatalogPorts(client: EC2Client, options: PageOptions): Promise<Ec2CatalogPorts> {
  const sdk = await import('@aws-sdk/client-ec2');
  return {
    instanceTypes: {
      describeInstanceTypes: (input) =>
        collectPages(
          'DescribeInstanceTypes',
          (abortSignal) =>
            sdk.paginateDescribeInstanceTypes(
              { client, pageSize: EC2_PAGE_SIZE.DescribeInstanceTypes },
              { ...input },
              { abortSignal },
            ),
          (page) => page.InstanceTypes,
          options,
        ),
    },
    offerings: {
      describeInstanceTypeOfferings: (input) =>
        collectPages(
          'DescribeInstanceTypeOfferings',
          (abortSignal) =>
            sdk.paginateDescribeInstanceTypeOfferings(
              { client, pageSize: EC2_PAGE_SIZE.DescribeInstanceTypeOfferings },
              { ...input },
              { abortSignal },
            ),
          (page) => page.InstanceTypeOfferings,
          options,
        ),
    },
    zones: {
      describeAvailabilityZones: (input) =>
        collectPages(
          'DescribeAvailabilityZones',
          (abortSignal) =>
            onePage(() =>
              client.send(new sdk.DescribeAvailabilityZonesCommand({ ...input }), { abortSignal }),
            ),
          (page) => page.AvailabilityZones,
          options,
        ),
    },
    spotPriceHistory: {
      describeSpotPriceHistory: (input) =>
        collectPages(
          'DescribeSpotPriceHistory',
          (abortSignal) =>
            sdk.paginateDescribeSpotPriceHistory(
              { client, pageSize: EC2_PAGE_SIZE.DescribeSpotPriceHistory },
              { ...input },
              { abortSignal },
            ),
          (page) => page.SpotPriceHistory,
          options,
        ),
    },
  };
}
