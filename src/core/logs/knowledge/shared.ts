/**
 * Documentation links and the sentences several entries share. Karpenter documentation is cited by page
 * and section, checked against the sections of the pages kept beside the source facts (src/data/
 * karpenter-docs.json).
 */
import docs from '../../../data/karpenter-docs.json' with { type: 'json' };

export type DocsPage = keyof typeof docs.pages;

/** `karpenterDocs('troubleshooting', 'missing-service-linked-role')` → the page's URL with that section. */
export function karpenterDocs(page: DocsPage, section?: string): string {
  if (section && !(docs.pages[page] as string[]).includes(section))
    throw new Error(`no section ${section} in the ${page} page`);
  return `${docs.site}${page}/${section ? `#${section}` : ''}`;
}

/** A file of the Karpenter AWS provider at a release, for facts read from its source. */
export const providerSource = (file: string, ref = 'v1.14.1'): string =>
  `https://github.com/aws/karpenter-provider-aws/blob/${ref}/${file}`;

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
  'If the NodePool allows only Spot, add `on-demand` to its `karpenter.sh/capacity-type` requirement so Karpenter has something to fall back to.';
/**
 * What Karpenter does with the entry's AWS code in the version found: whether it counts it as unavailable
 * capacity (from the code sets of each release), filled in when the report is built.
 */
export const ICE_CACHE_NOTE = '{cache}';
export const NOT_CACHED = '{cache}';
