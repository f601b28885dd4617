/**
 * Documentation links and the sentences several entries share.
 */

export const DOCS = {
  troubleshooting: 'https://karpenter.sh/docs/troubleshooting/',
  faq: 'https://karpenter.sh/docs/faq/',
  nodepools: 'https://karpenter.sh/docs/concepts/nodepools/',
  scheduling: 'https://karpenter.sh/docs/concepts/scheduling/',
  disruption: 'https://karpenter.sh/docs/concepts/disruption/',
  interruption: 'https://karpenter.sh/docs/concepts/disruption/#interruption',
  nodeclasses: 'https://karpenter.sh/docs/concepts/nodeclasses/',
  cloudformation: 'https://karpenter.sh/docs/reference/cloudformation/',
  ec2Capacity:
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/troubleshooting-launch.html#troubleshooting-launch-capacity',
  ec2Launch: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/troubleshooting-launch.html',
  spotLimits: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-spot-limits.html',
  vcpuLimits:
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-on-demand-instances.html#ec2-on-demand-instances-limits',
  ec2Errors: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html',
  throttling: 'https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html',
  spotSlr:
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/service-linked-roles-spot-instance-requests.html',
  rebalance: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/rebalance-recommendations.html',
  spotInterruptions: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/spot-interruptions.html',
  nth: 'https://github.com/aws/aws-node-termination-handler#readme',
  pdb: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
  odcr: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-capacity-reservations.html',
  subnets: 'https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html',
  ebsCsi: 'https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html',
} as const;

export const WIDEN =
  'Let the NodePool use more instance types (other sizes, sibling families) and every zone: `spotctl suggest --types {types}{regionFlag}` ranks alternatives by Spot price and interruption rate.';
export const ADD_ON_DEMAND =
  'If the NodePool allows only Spot, add `on-demand` to its `karpenter.sh/capacity-type` requirement: Karpenter reaches On-Demand once every allowed Spot offering has failed.';
export const ICE_CACHE_NOTE =
  'Karpenter counts this code as unavailable capacity: it caches the offering (capacity type, instance type, zone) as unavailable for {ttl}, deletes the NodeClaim and re-solves with the offerings left — other types and zones first, Spot before On-Demand.';
export const NOT_CACHED =
  'Karpenter does not count this code as unavailable capacity: nothing is cached, the NodeClaim stays and the same request is retried with backoff until the configuration changes.';
