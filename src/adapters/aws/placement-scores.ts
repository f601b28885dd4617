/**
 * The core's GetSpotPlacementScores port over an EC2Client: the SDK paginator (a Region's zones fit one
 * page), pages collected under the idle deadline, SDK errors as AwsCallError. The SDK is imported
 * dynamically, like every AWS adapter.
 */
import type { GetSpotPlacementScoresPort } from '../../core/aws/ports.js';
import { awsTimeoutMs, ec2Client } from './clients.js';
import type { AwsOptions } from './options.js';
import { collectPages } from './pages.js';

/** The API takes 10 … 1000 results per page; one Region's zones never need a second page. */
export const PLACEMENT_PAGE_SIZE = 100;

export async function spotPlacementScoresPort(options: AwsOptions): Promise<GetSpotPlacementScoresPort> {
  const client = await ec2Client(options);
  const sdk = await import('@aws-sdk/client-ec2');
  return {
    getSpotPlacementScores: (input) =>
      collectPages(
        'GetSpotPlacementScores',
        (abortSignal) =>
          sdk.paginateGetSpotPlacementScores(
            { client, pageSize: PLACEMENT_PAGE_SIZE },
            {
              ...input,
              InstanceTypes: [...input.InstanceTypes],
              RegionNames: [...(input.RegionNames ?? [])],
            },
            { abortSignal },
          ),
        (page) => page.SpotPlacementScores,
        { idleTimeoutMs: awsTimeoutMs() },
      ),
  };
}
