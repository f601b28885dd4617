/** How to reach AWS: the standard chain, narrowed by these when given. */
export interface AwsOptions {
  region?: string;
  profile?: string;
  endpointUrl?: string;
}
