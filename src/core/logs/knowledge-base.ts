/**
 * The knowledge base: one entry per problem Karpenter or NTH logs, as data — how to recognise it, what it
 * means, what Karpenter actually does about it (per version), and what to change. Facts follow Karpenter's
 * source (`pkg/errors/errors.go`, `pkg/providers/instance`, `pkg/cache`), not its docs where they disagree.
 *
 * Actions are templates; `{name}` placeholders are filled from what the log names (see actions.ts):
 * {types} {zones} {nodepools} {region} {regionFlag} {ttl} {spotQuota.code} {spotQuota.name}
 * {odQuota.code} {odQuota.name} {desiredValue} {iamActions} {iamRoles} {subnets} {codes}.
 * An action whose placeholders have no value is still printed, with `<…>` where the value goes.
 */
import type { Severity, TimelineEvent } from './types.js';

export type Category =
  | 'capacity'
  | 'quota'
  | 'iam'
  | 'api'
  | 'configuration'
  | 'network'
  | 'scheduling'
  | 'webhook'
  | 'interruption'
  | 'disruption'
  | 'nth'
  | 'lifecycle'
  | 'controller';

/** One way to recognise an entry. Code rules read AWS error codes; text rules read message + error. */
export interface MatchRule {
  /** Any of these AWS error codes (fleet errors, API errors, `aws-error-code=`). */
  codes?: string[];
  /** With `codes`: that code's message must match too (more specific entries come first). */
  codeMessage?: RegExp;
  /** With `codes`: only Karpenter's synthetic `aws-error-code=` stamp (CreateFleet 200, no instance). */
  stamped?: boolean;
  /** Message, `error` field and continuation lines. */
  text?: RegExp;
  /** With `text`: structured fields that must match; tested against the text when a line has no fields. */
  fields?: Record<string, RegExp>;
}

export interface VersionNote {
  /** First release the note applies to. */
  from?: string;
  /** Last release the note applies to. */
  until?: string;
  text: string;
}

export interface KnowledgeEntry {
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  match: MatchRule[];
  /** Shown in the timeline as this kind of event. */
  timeline?: TimelineEvent['kind'];
  /** Capacity type the problem implies even when the line does not name one. */
  capacityType?: 'spot' | 'on-demand' | 'reserved';
  /** Karpenter puts the failed offering in its unavailable-offerings cache (the ICE set). */
  blocksOffering?: boolean;
  /** Routine activity, not a problem: counted in one line instead of explained. */
  activity?: boolean;
  what: string;
  why: string;
  versions?: VersionNote[];
  actions: string[];
  docs: string;
}

const DOCS = {
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

const WIDEN =
  'Let the NodePool use more instance types (other sizes, sibling families) and every zone: `spotctl suggest --types {types}{regionFlag}` ranks alternatives by Spot price and interruption rate.';
const ADD_ON_DEMAND =
  'If the NodePool allows only Spot, add `on-demand` to its `karpenter.sh/capacity-type` requirement: Karpenter reaches On-Demand once every allowed Spot offering has failed.';
const ICE_CACHE_NOTE =
  'Karpenter counts this code as unavailable capacity: it caches the offering (capacity type, instance type, zone) as unavailable for {ttl}, deletes the NodeClaim and re-solves with the offerings left — other types and zones first, Spot before On-Demand.';
const NOT_CACHED =
  'Karpenter does not count this code as unavailable capacity: nothing is cached, the NodeClaim stays and the same request is retried with backoff until the configuration changes.';

/** Disruption decisions: one entry per method × decision, recognised in every release's wording. */
function disruption(
  id: string,
  method: string,
  reasonV1: RegExp,
  decision: 'delete' | 'replace',
  what: string,
): KnowledgeEntry {
  return {
    id,
    title: `Disruption: ${method} ${decision}`,
    severity: 'info',
    category: 'disruption',
    timeline: 'disruption',
    match: [
      // v0.15–v0.18 had consolidation only: "Consolidating via Delete".
      ...(method === 'consolidation' ? [{ text: new RegExp(`Consolidating via ${decision}\\b`, 'i') }] : []),
      { text: new RegExp(`(?:deprovisioning|disrupting) via ${method} ${decision}\\b`, 'i') },
      { text: new RegExp(`disrupting nodeclaim\\(s\\) via ${decision}\\b`), fields: { reason: reasonV1 } },
      {
        text: /disrupting node\(s\)/,
        fields: { reason: reasonV1, decision: new RegExp(`^${decision}$`, 'i') },
      },
    ],
    what,
    why: `Karpenter's disruption controller decided this on its own; it ${decision === 'replace' ? 'launches the replacement first, then' : ''} taints, drains and deletes the candidate nodes, honouring PDBs, \`karpenter.sh/do-not-disrupt\` and the NodePool's disruption budgets.`,
    versions: [
      { until: '0.18.99', text: 'v0.15–v0.18 log "Consolidating via …".' },
      { from: '0.21.0', until: '0.31.99', text: 'v0.21–v0.31 log "deprovisioning via …".' },
      { from: '0.32.0', until: '0.37.99', text: 'v0.32–v0.37 log "disrupting via …".' },
      {
        from: '1.0.0',
        text: 'v1 logs "disrupting nodeclaim(s) via …" (v1.0–v1.2) or "disrupting node(s)" with reason and decision fields (v1.3+).',
      },
    ],
    actions: [
      'Expected behaviour. To slow it down, set NodePool `spec.disruption.budgets` (e.g. `nodes: "10%"`, or a schedule), or annotate pods with `karpenter.sh/do-not-disrupt: "true"`.',
    ],
    docs: DOCS.disruption,
  };
}

export const KNOWLEDGE_BASE: KnowledgeEntry[] = [
  // ── EC2 Fleet codes Karpenter treats as unavailable capacity (pkg/errors unfulfillableCapacityErrorCodes) ──
  {
    id: 'insufficient_instance_capacity',
    title: 'Insufficient capacity (ICE) for an instance type in a zone',
    severity: 'warning',
    category: 'capacity',
    timeline: 'failure',
    blocksOffering: true,
    match: [{ codes: ['InsufficientInstanceCapacity'] }],
    what: 'EC2 had no free capacity of that instance type in that Availability Zone when Karpenter called CreateFleet.',
    why: `${ICE_CACHE_NOTE} It only hurts when the NodePool allows so few types and zones that every offering ends up cached.`,
    versions: [
      {
        until: '0.9.0',
        text: 'Up to v0.9.0 the TTL was 45 s, and the debug line printed "InsufficientInstanceCapacity for offering …" whatever the real fleet error code was.',
      },
      { from: '0.9.1', text: 'Since v0.9.1 the TTL is 3 minutes.' },
    ],
    actions: [
      WIDEN,
      ADD_ON_DEMAND,
      'If it is rare, nothing to do: Karpenter retries the offering after {ttl}.',
    ],
    docs: DOCS.ec2Capacity,
  },
  {
    id: 'spot_quota_exceeded',
    title: 'Spot vCPU quota exceeded (MaxSpotInstanceCountExceeded)',
    severity: 'error',
    category: 'quota',
    timeline: 'failure',
    capacityType: 'spot',
    blocksOffering: true,
    match: [{ codes: ['MaxSpotInstanceCountExceeded'] }],
    what: 'The launch would exceed the Spot vCPU quota of the instance family’s quota bucket (running Spot instances plus open Spot requests, counted in vCPUs).',
    why: 'Karpenter handles a quota error per offering, exactly like a capacity error: it marks only the offerings named in the fleet error unavailable for {ttl} and walks the remaining Spot offerings first. Every Spot type in the same bucket counts against the same quota, so each fails in turn — Karpenter does not fall back to On-Demand until every allowed Spot offering has failed, and never if the NodePool allows only Spot. Larger sizes burn the quota faster (a 16-vCPU type takes four times the quota of a 4-vCPU one).',
    versions: [
      {
        until: '0.9.0',
        text: 'This log is from before v0.9.1, where none of that caching applied to this code: Karpenter did not cache it at all and retried the same Spot request forever (aws/karpenter#1556) — upgrade, or add On-Demand and more types yourself.',
      },
    ],
    actions: [
      'Request a higher Spot quota ({spotQuota.name}): `aws service-quotas request-service-quota-increase --service-code ec2 --quota-code {spotQuota.code} --desired-value {desiredValue}{regionFlag}`',
      'See the current value first: `aws service-quotas get-service-quota --service-code ec2 --quota-code {spotQuota.code}{regionFlag}`',
      'Until the increase is granted, add `on-demand` to the NodePool’s `karpenter.sh/capacity-type` so pods do not wait — Karpenter reaches it only after every Spot offering has failed.',
      'Prefer smaller sizes or families in another quota bucket: `spotctl suggest --types {types}{regionFlag}`',
    ],
    docs: DOCS.spotLimits,
  },
  {
    id: 'vcpu_quota_exceeded',
    title: 'On-Demand vCPU quota exceeded (VcpuLimitExceeded)',
    severity: 'error',
    category: 'quota',
    timeline: 'failure',
    blocksOffering: true,
    match: [{ codes: ['VcpuLimitExceeded'] }],
    what: 'The launch would exceed the On-Demand vCPU quota of the instance family’s quota bucket (the message names the current limit).',
    why: `${ICE_CACHE_NOTE} Every type in the same bucket shares the quota, so they fail in turn until the quota is raised or nodes go away.`,
    versions: [
      {
        until: '0.9.0',
        text: 'This log is from before v0.9.1, where that caching did not apply to this code: only InsufficientInstanceCapacity was cached, so Karpenter retried the same request.',
      },
      { from: '1.2.0', text: 'Since v1.2.0 the NodeClaim condition reason is VCPULimitExceeded.' },
    ],
    actions: [
      'Request a higher On-Demand quota ({odQuota.name}): `aws service-quotas request-service-quota-increase --service-code ec2 --quota-code {odQuota.code} --desired-value {desiredValue}{regionFlag}`',
      'See the current value first: `aws service-quotas get-service-quota --service-code ec2 --quota-code {odQuota.code}{regionFlag}`',
      'Set the NodePool’s `limits.cpu` below the quota so Karpenter stops before EC2 refuses, or spread the NodePool over families in other buckets: `spotctl suggest --types {types}{regionFlag}`',
    ],
    docs: DOCS.vcpuLimits,
  },
  {
    id: 'create_fleet_zero_instances',
    title: 'CreateFleet returned no instance (aws-error-code=UnfulfillableCapacity stamp)',
    severity: 'info',
    category: 'capacity',
    match: [{ codes: ['UnfulfillableCapacity'], stamped: true }],
    what: 'Karpenter v1.5+ adds `aws-error-code=UnfulfillableCapacity` (with aws-status-code=200) to every CreateFleet call that returned zero instances.',
    why: 'The stamp is synthetic: it appears whatever the real fleet error was. The real cause is the fleet error code(s) earlier in the same line (e.g. InsufficientInstanceCapacity, ReservationCapacityExceeded), reported separately.',
    versions: [{ from: '1.5.0', text: 'Added in v1.5.0 (structured errors).' }],
    actions: ['Read the fleet error codes in the same line; they are listed as their own problems above.'],
    docs: DOCS.troubleshooting,
  },
  {
    id: 'unfulfillable_capacity',
    title: 'Fleet request could not be fulfilled (UnfulfillableCapacity)',
    severity: 'warning',
    category: 'capacity',
    timeline: 'failure',
    blocksOffering: true,
    match: [{ codes: ['UnfulfillableCapacity'] }],
    what: 'EC2 Fleet could not fulfil the request with the overrides Karpenter sent (instance types × subnets × capacity type).',
    why: `${ICE_CACHE_NOTE} EC2 often returns it next to a more specific code (InsufficientInstanceCapacity, MaxSpotInstanceCountExceeded) for the same request.`,
    versions: [
      {
        until: '0.9.0',
        text: 'This log is from before v0.9.1, where that caching did not apply to this code: only InsufficientInstanceCapacity was cached, so Karpenter retried the same request.',
      },
    ],
    actions: [WIDEN, ADD_ON_DEMAND],
    docs: DOCS.ec2Capacity,
  },
  {
    id: 'unsupported_configuration',
    title: 'Requested configuration not supported (Unsupported)',
    severity: 'warning',
    category: 'capacity',
    timeline: 'failure',
    blocksOffering: true,
    match: [{ codes: ['Unsupported'] }],
    what: 'EC2 does not support the requested combination — typically an instance type that is not offered in that zone, or not with that tenancy/AMI/placement.',
    why: 'Karpenter counts it as unavailable capacity and caches the offering for {ttl}; the Karpenter PR that added it notes it can also be transient.',
    versions: [
      {
        until: '0.13.99',
        text: 'Before v0.14.0 it was not cached and Karpenter retried the same request (aws/karpenter#1556).',
      },
      { from: '0.14.0', text: 'Treated as unavailable capacity since v0.14.0.' },
    ],
    actions: [
      'Check where the types are offered: `aws ec2 describe-instance-type-offerings --location-type availability-zone --filters Name=instance-type,Values={types}{regionFlag}`',
      WIDEN,
    ],
    docs: DOCS.ec2Launch,
  },
  {
    id: 'subnet_out_of_ips',
    title: 'Subnet has no free IP addresses (InsufficientFreeAddressesInSubnet)',
    severity: 'error',
    category: 'network',
    timeline: 'failure',
    blocksOffering: true,
    match: [{ codes: ['InsufficientFreeAddressesInSubnet'] }],
    what: 'The subnet Karpenter picked has too few free IP addresses for the instance (and, with the VPC CNI, its warm pod IPs).',
    why: 'Karpenter treats it as unavailable capacity; current versions also mark the subnet itself unavailable for {ttl} and count a zone as unavailable only when all its subnets are exhausted.',
    versions: [
      {
        until: '0.30.99',
        text: 'Before v0.31.0 it was a plain launch failure, retried with backoff in the same subnet.',
      },
      { from: '0.31.0', text: 'Treated as unavailable capacity since v0.31.0.' },
    ],
    actions: [
      'See free addresses: `aws ec2 describe-subnets --subnet-ids {subnets} --query "Subnets[].[SubnetId,AvailabilityZone,AvailableIpAddressCount]"{regionFlag}`',
      'Add subnets (tagged to match the EC2NodeClass `subnetSelectorTerms`) or larger CIDRs in the affected zones; a secondary CIDR such as 100.64.0.0/16 for pods helps.',
      'With the VPC CNI, lower IP use with prefix delegation (`ENABLE_PREFIX_DELEGATION=true`) or a smaller `WARM_IP_TARGET`.',
    ],
    docs: DOCS.subnets,
  },
  {
    id: 'reservation_capacity_exceeded',
    title: 'Capacity reservation full (ReservationCapacityExceeded)',
    severity: 'warning',
    category: 'capacity',
    timeline: 'failure',
    capacityType: 'reserved',
    blocksOffering: true,
    match: [{ codes: ['ReservationCapacityExceeded'] }],
    what: 'The On-Demand Capacity Reservation or Capacity Block Karpenter targeted has no compatible free capacity left.',
    why: 'For `reserved` launches Karpenter marks the capacity reservation unavailable (debug line "marking capacity reservation unavailable"); otherwise it is handled like any capacity error. The NodeClaim is deleted and re-solved with the other capacity types the NodePool allows.',
    versions: [{ from: '1.3.0', text: 'Handled since v1.3.0 (ODCR support, `reserved` capacity type).' }],
    actions: [
      'Check the reservation’s free count: `aws ec2 describe-capacity-reservations --query "CapacityReservations[].[CapacityReservationId,InstanceType,AvailabilityZone,AvailableInstanceCount]"{regionFlag}`',
      'Allow `spot` and/or `on-demand` next to `reserved` in `karpenter.sh/capacity-type` so launches continue when the reservation is full.',
    ],
    docs: DOCS.odcr,
  },
  {
    id: 'fleet_quota_exceeded',
    title: 'EC2 Fleet quota exceeded (MaxFleetCountExceeded)',
    severity: 'error',
    category: 'quota',
    timeline: 'failure',
    blocksOffering: true,
    match: [{ codes: ['MaxFleetCountExceeded'] }],
    what: 'The account reached its EC2 Fleet quota in this Region.',
    why: 'Since v1.9.0 Karpenter treats it as unavailable capacity and tries other instance types, but every CreateFleet call hits the same account-wide limit.',
    versions: [
      {
        until: '1.8.99',
        text: 'Before v1.9.0 it was a plain launch failure (condition reason FleetQuotaExceeded since v1.2.0), retried with backoff.',
      },
    ],
    actions: [
      'Find fleets other tools left active: `aws ec2 describe-fleets --filters Name=fleet-state,Values=active{regionFlag}` and delete unused `maintain`/`request` fleets.',
      'Ask for a higher EC2 Fleet quota in Service Quotas (service code `ec2`).',
    ],
    docs: DOCS.ec2Errors,
  },
  // ── Other launch errors ──
  {
    id: 'spot_max_price_too_low',
    title: 'Spot max price below the current Spot price (SpotMaxPriceTooLow)',
    severity: 'error',
    category: 'configuration',
    timeline: 'failure',
    capacityType: 'spot',
    match: [{ codes: ['SpotMaxPriceTooLow'] }],
    what: 'The Spot request carried a maximum price below the current Spot price of the offering.',
    why: `${NOT_CACHED} Karpenter itself sets no max price; it comes from a custom launch template or the request configuration.`,
    versions: [
      {
        until: '0.9.0',
        text: 'v0.5–v0.9.0 logged every cached fleet error as "InsufficientInstanceCapacity for offering …", so this code may appear under that name in debug lines.',
      },
    ],
    actions: [
      'Remove the max price from the launch template’s Spot options (the Spot price is then capped at the On-Demand price).',
      'Compare current Spot prices: `spotctl suggest --types {types}{regionFlag}`',
    ],
    docs: DOCS.ec2Errors,
  },
  {
    id: 'spot_service_linked_role_missing',
    title: 'Spot service-linked role missing (AuthFailure.ServiceLinkedRoleCreationNotPermitted)',
    severity: 'error',
    category: 'iam',
    timeline: 'failure',
    capacityType: 'spot',
    match: [{ codes: ['AuthFailure.ServiceLinkedRoleCreationNotPermitted'] }],
    what: 'The account has no AWSServiceRoleForEC2Spot role, and the Karpenter controller may not create it.',
    why: 'Every Spot launch fails until the role exists. Current Karpenter marks the whole Spot capacity type unavailable for {ttl} and publishes a SpotServiceLinkedRoleCreationFailure event, so NodePools that allow On-Demand fall back and Spot-only NodePools launch nothing.',
    versions: [
      {
        until: '1.4.99',
        text: 'Before v1.5.0 it was a plain launch failure, retried with backoff, and NodePools did not fall back to On-Demand.',
      },
      { from: '1.5.0', text: 'Since v1.5.0 the whole Spot capacity type is marked unavailable for the TTL.' },
    ],
    actions: [
      'Create the role once per account: `aws iam create-service-linked-role --aws-service-name spot.amazonaws.com` ("has been taken" means it already exists).',
      'Or allow the controller role `iam:CreateServiceLinkedRole` with condition `iam:AWSServiceName = spot.amazonaws.com`.',
    ],
    docs: DOCS.spotSlr,
  },
  {
    id: 'instance_profile_not_found',
    title: 'Instance profile not found',
    severity: 'error',
    category: 'iam',
    timeline: 'failure',
    match: [
      { codes: ['InvalidParameterValue'], codeMessage: /Invalid IAM Instance Profile/i },
      { codes: ['NoSuchEntity'], codeMessage: /instance profile/i },
    ],
    what: 'The instance profile named in the launch does not exist (yet), or was deleted.',
    why: 'Right after Karpenter creates an instance profile, IAM may not have propagated it. Since v1.3.1 Karpenter treats this as eventual consistency and retries; earlier versions report a plain fleet error.',
    versions: [{ until: '1.3.0', text: 'Before v1.3.1 this was a plain fleet error.' }],
    actions: [
      'Check it exists: `aws iam get-instance-profile --instance-profile-name <name>`',
      'With EC2NodeClass `role`, Karpenter manages the profile: the controller needs iam:CreateInstanceProfile, iam:AddRoleToInstanceProfile, iam:TagInstanceProfile, iam:GetInstanceProfile and iam:PassRole on the node role.',
    ],
    docs: DOCS.cloudformation,
  },
  {
    id: 'iam_permission_denied',
    title: 'IAM permission denied (UnauthorizedOperation / AccessDenied)',
    severity: 'error',
    category: 'iam',
    timeline: 'failure',
    match: [
      {
        codes: [
          'UnauthorizedOperation',
          'AccessDenied',
          'AccessDeniedException',
          'Client.UnauthorizedOperation',
          'AuthFailure',
          'OptInRequired',
        ],
      },
    ],
    what: 'The Karpenter controller’s IAM role may not call {iamActions}.',
    why: `${NOT_CACHED} Usual causes: the controller policy lacks iam:PassRole on the node role, a condition on ec2:CreateFleet/RunInstances/CreateTags does not match (cluster tag, Region), or an SCP or permissions boundary denies it.`,
    actions: [
      'Allow {iamActions} for the controller role (for iam:PassRole: on {iamRoles}); compare with the policy in Karpenter’s CloudFormation reference for your version.',
      'Decode an encoded failure message: `aws sts decode-authorization-message --encoded-message <message> --query DecodedMessage --output text`',
      'Check SCPs and permissions boundaries if the policy already allows it.',
    ],
    docs: DOCS.cloudformation,
  },
  {
    id: 'api_rate_limited',
    title: 'AWS API throttling (RequestLimitExceeded / ThrottlingException)',
    severity: 'warning',
    category: 'api',
    match: [
      {
        codes: [
          'RequestLimitExceeded',
          'ThrottlingException',
          'Throttling',
          'TooManyRequestsException',
          'RequestThrottled',
          'SlowDown',
        ],
      },
    ],
    what: 'AWS throttled the controller’s API calls ({codes}); EC2 and SSM limits are per account and Region, shared with every other tool.',
    why: 'Karpenter retries with backoff, so launches are delayed rather than lost; persistent throttling slows every scale-up. Since v1.4.0 the EC2NodeClass validation backs off on RequestLimitExceeded instead of reporting failure.',
    actions: [
      'Find the other callers: CloudTrail event history filtered by error code {codes}.',
      'Reduce polling by other controllers and scripts (DescribeInstances loops, other autoscalers) in this account and Region.',
      'If it persists, ask AWS Support for a higher EC2 API rate limit.',
    ],
    docs: DOCS.throttling,
  },
  {
    id: 'sdk_retry_quota_exceeded',
    title: 'AWS SDK retry budget exhausted',
    severity: 'warning',
    category: 'api',
    match: [{ text: /failed to get rate limit token|retry quota exceeded/ }],
    what: 'The AWS SDK refused to retry: its client-side retry budget was spent by earlier failed calls.',
    why: 'No request reached AWS, so there is no AWS error code. It follows a burst of throttling or network errors; Karpenter requeues the reconcile.',
    actions: [
      'Look for the errors just before it (RequestLimitExceeded, timeouts) and fix those.',
      'Check the network path to the EC2 API (VPC endpoint, NAT, proxy) if there is no throttling.',
    ],
    docs: DOCS.throttling,
  },
  {
    id: 'launch_template_not_found',
    title: 'Launch template not found',
    severity: 'warning',
    category: 'configuration',
    timeline: 'failure',
    match: [
      {
        codes: [
          'InvalidLaunchTemplateName.NotFoundException',
          'InvalidLaunchTemplateId.NotFound',
          'InvalidLaunchTemplateId.Malformed',
          'InvalidLaunchTemplateName.MalformedException',
        ],
      },
      { text: /launch templates? not found/i },
    ],
    what: 'CreateFleet referenced a launch template that no longer exists.',
    why: 'Karpenter creates and caches its own launch templates; one deleted outside Karpenter (or by a second Karpenter using the same cluster name) is missing from EC2 but still in the cache.',
    versions: [
      {
        until: '1.2.99',
        text: 'Before v1.3.0 the launch failed and the template was recreated on a later reconcile.',
      },
      {
        from: '1.3.0',
        text: 'Since v1.3.0 Karpenter invalidates its cache and retries the launch once ("launch templates not found when creating fleet request").',
      },
    ],
    actions: [
      'Do not delete Karpenter-managed launch templates; make sure no two Karpenter installs share a cluster name.',
      'On old versions, restart the controller to drop the cache: `kubectl rollout restart -n karpenter deploy/karpenter`',
      'If you reference your own template (v1alpha5 `launchTemplate`), check it: `aws ec2 describe-launch-templates --launch-template-names <name>{regionFlag}`',
    ],
    docs: DOCS.troubleshooting,
  },
  {
    id: 'ami_not_found',
    title: 'AMI not found or not usable',
    severity: 'error',
    category: 'configuration',
    timeline: 'failure',
    match: [{ codes: ['InvalidAMIID.NotFound', 'InvalidAMIID.Malformed', 'InvalidAMIID.Unavailable'] }],
    what: 'The AMI in the launch does not exist in this Region, is not shared with the account, or was deregistered.',
    why: NOT_CACHED,
    actions: [
      'Check the EC2NodeClass `amiSelectorTerms` resolve to AMIs in {region}: `kubectl get ec2nodeclass -o yaml` (status.amis).',
      'Check the image: `aws ec2 describe-images --image-ids <ami-id>{regionFlag}`',
    ],
    docs: DOCS.nodeclasses,
  },
  {
    id: 'user_data_too_large',
    title: 'User data too large',
    severity: 'error',
    category: 'configuration',
    timeline: 'failure',
    match: [{ codes: ['InvalidUserData.Malformed'], codeMessage: /User data is limited/i }],
    what: 'The node user data exceeds EC2’s 16 KB limit.',
    why: NOT_CACHED,
    versions: [{ from: '1.14.2', text: 'Newer releases report condition reason UserDataSizeLimitExceeded.' }],
    actions: ['Shrink the EC2NodeClass `userData` (move scripts to an S3 download or a custom AMI).'],
    docs: DOCS.nodeclasses,
  },
  {
    id: 'create_fleet_request_too_large',
    title: 'CreateFleet request too large (InvalidInput)',
    severity: 'error',
    category: 'configuration',
    timeline: 'failure',
    match: [{ codes: ['InvalidInput'], codeMessage: /too large/i }],
    what: 'The CreateFleet request body was too large for the API — too many overrides (instance types × subnets) or very large user data.',
    why: NOT_CACHED,
    actions: [
      'Reduce the overrides: fewer subnets per zone in `subnetSelectorTerms`, or narrower instance-type requirements.',
      'Shrink the EC2NodeClass `userData`.',
    ],
    docs: DOCS.nodeclasses,
  },
  {
    id: 'invalid_block_device_mapping',
    title: 'Invalid block device mapping',
    severity: 'error',
    category: 'configuration',
    timeline: 'failure',
    match: [{ codes: ['InvalidBlockDeviceMapping'] }],
    what: 'The `blockDeviceMappings` in the EC2NodeClass (or launch template) do not fit the AMI, e.g. a device name the AMI does not use as its root device.',
    why: NOT_CACHED,
    actions: [
      'Set `blockDeviceMappings[].deviceName` to the AMI’s devices: `aws ec2 describe-images --image-ids <ami-id> --query "Images[].[RootDeviceName,BlockDeviceMappings]"{regionFlag}` (AL2/AL2023 use /dev/xvda; Bottlerocket /dev/xvda for the OS and /dev/xvdb for data).',
    ],
    docs: DOCS.troubleshooting,
  },
  {
    id: 'invalid_fleet_configuration',
    title: 'Invalid fleet configuration',
    severity: 'error',
    category: 'configuration',
    timeline: 'failure',
    match: [{ codes: ['InvalidFleetConfiguration'] }],
    what: 'EC2 rejected the fleet’s overrides, e.g. a Local Zone subnet where the instance type is not offered.',
    why: NOT_CACHED,
    actions: [
      'Exclude subnets in Local/Wavelength Zones from `subnetSelectorTerms`, or restrict the NodePool to types offered there: `aws ec2 describe-instance-type-offerings --location-type availability-zone --filters Name=instance-type,Values={types}{regionFlag}`',
    ],
    docs: DOCS.ec2Errors,
  },
  {
    id: 'invalid_parameter',
    title: 'EC2 rejected a parameter (InvalidParameterValue / InvalidParameterCombination)',
    severity: 'error',
    category: 'configuration',
    timeline: 'failure',
    match: [
      {
        codes: [
          'InvalidParameterValue',
          'InvalidParameterCombination',
          'InvalidParameter',
          'MissingParameter',
          'InvalidInput',
          'InvalidSubnetID.NotFound',
          'InvalidGroup.NotFound',
          'InvalidSecurityGroupID.NotFound',
        ],
      },
    ],
    what: 'EC2 rejected part of the launch request; the message names the parameter ({codes}).',
    why: `${NOT_CACHED} Common causes: an empty AMI list (no AMI matched the selector — "amiIdList cannot be empty"), a security group and subnet in different VPCs, an AMI whose architecture does not match the instance type, or a type that does not support the requested EBS/ENI options.`,
    actions: [
      'Read the parameter in the example line and fix the EC2NodeClass field that sets it (amiSelectorTerms, securityGroupSelectorTerms, subnetSelectorTerms, blockDeviceMappings, metadataOptions).',
      'Check what the EC2NodeClass resolved: `kubectl get ec2nodeclass -o yaml` (status.amis, status.subnets, status.securityGroups).',
    ],
    docs: DOCS.ec2Errors,
  },
  {
    id: 'account_pending_verification',
    title: 'Account pending verification in this Region',
    severity: 'error',
    category: 'configuration',
    timeline: 'failure',
    match: [{ codes: ['PendingVerification'] }],
    what: 'AWS is still verifying the account for launching resources in this Region.',
    why: 'Nothing launches until verification completes; Karpenter retries with backoff (condition reason AccountPendingVerification since v1.2.0).',
    actions: ['Wait for the verification e-mail, or contact AWS Support.'],
    docs: DOCS.ec2Errors,
  },
  {
    id: 'aws_internal_error',
    title: 'AWS internal error',
    severity: 'warning',
    category: 'api',
    match: [{ codes: ['InternalError', 'InternalFailure', 'ServiceUnavailable', 'Unavailable'] }],
    what: 'An AWS service returned a server-side error.',
    why: 'Karpenter retries server errors. A few are normal; many in a row point to a regional issue.',
    actions: ['Check the AWS Health Dashboard for the Region if it repeats.'],
    docs: DOCS.ec2Errors,
  },
  {
    id: 'interruption_queue_not_found',
    title: 'Interruption queue not found',
    severity: 'error',
    category: 'configuration',
    match: [
      { codes: ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'] },
      { text: /QueueNotFound|queue .{0,80}does not exist/i },
    ],
    what: 'Karpenter could not find the SQS interruption queue it was configured with.',
    why: 'Without the queue Karpenter gets no Spot interruption, rebalance, scheduled-change or state-change events, so nodes are reclaimed without a drain.',
    versions: [
      { until: '0.31.99', text: 'v0.19–v0.31: setting `aws.interruptionQueueName`.' },
      {
        from: '0.32.0',
        text: 'v0.32+: setting `settings.interruptionQueue` (`--interruption-queue`, INTERRUPTION_QUEUE).',
      },
    ],
    actions: [
      'Set the queue NAME (not its ARN or URL) and make sure it exists in {region}: `aws sqs get-queue-url --queue-name <name>{regionFlag}`',
      'Create the queue and its EventBridge rules from Karpenter’s CloudFormation template; use one queue per cluster.',
    ],
    docs: DOCS.cloudformation,
  },
  // ── Karpenter conditions without an AWS code ──
  {
    id: 'all_instance_types_unavailable',
    title: 'No offering left to try (all requested instance types unavailable)',
    severity: 'error',
    category: 'capacity',
    timeline: 'failure',
    match: [{ text: /all requested instance types were unavailable during launch/ }],
    what: 'Every instance type × zone × capacity type the NodeClaim allowed was filtered out before launch, so Karpenter made no CreateFleet call.',
    why: 'Offerings that failed with a capacity or quota error stay in the unavailable-offerings cache for {ttl}; a narrow NodePool (one GPU type, one zone) runs out of offerings quickly and loops: fail → cache → retry after the TTL. Spot offerings priced above the cheapest On-Demand one are also dropped when both are allowed (v0.24+).',
    actions: [
      'Look at the fleet errors before this line and the blocked-offerings table: they say which offerings were cached and why.',
      WIDEN,
      ADD_ON_DEMAND,
    ],
    docs: DOCS.faq,
  },
  {
    id: 'od_fallback_flexibility_warning',
    title: 'Fell back to On-Demand with fewer than 5 instance types',
    severity: 'warning',
    category: 'capacity',
    match: [{ text: /instance types are recommended when flexible to spot but requesting on-demand/ }],
    what: 'A NodeClaim that allowed Spot is being launched On-Demand, with fewer than 5 instance types left.',
    why: 'Karpenter logs this when the request became On-Demand although Spot was allowed (every Spot offering was unavailable — ICE, quota — or priced out) and fewer than 5 types remain (instanceTypeFlexibilityThreshold): the next failure leaves nothing.',
    versions: [{ from: '0.14.0', text: 'Logged since v0.14.0.' }],
    actions: [
      'Look for Spot quota or capacity errors just before it (MaxSpotInstanceCountExceeded, InsufficientInstanceCapacity) and fix those.',
      WIDEN,
    ],
    docs: DOCS.nodepools,
  },
  {
    id: 'too_few_instances_returned',
    title: 'CreateFleet returned fewer instances than requested',
    severity: 'warning',
    category: 'capacity',
    timeline: 'failure',
    match: [{ text: /too few instances returned/ }],
    what: 'A batched CreateFleet call returned fewer instances than requested, without an error.',
    why: 'Karpenter does not cache anything for it; the NodeClaims without an instance are retried.',
    actions: [WIDEN],
    docs: DOCS.troubleshooting,
  },
  {
    id: 'spread_placement_group_limit',
    title: 'Spread placement group full',
    severity: 'warning',
    category: 'capacity',
    match: [{ text: /limit of instances in this spread placement group/ }],
    what: 'A spread placement group already holds its maximum of 7 instances per zone.',
    why: 'Since v1.11.0 Karpenter marks every instance type in that zone unavailable for the placement group for {ttl}.',
    actions: ['Use more zones, a partition placement group, or no placement group for this NodePool.'],
    docs: DOCS.nodeclasses,
  },
  {
    id: 'offering_marked_unavailable',
    title: 'Offering put in the unavailable-offerings cache',
    severity: 'info',
    category: 'capacity',
    timeline: 'blocked',
    match: [{ text: /removing offering from offerings|for offering \{ instanceType: / }],
    what: 'Karpenter cached an offering (capacity type, instance type, zone) as unavailable — debug-level line.',
    why: 'The key is capacityType:instanceType:zone and the TTL {ttl} (45 s up to v0.9.0, 3 minutes since v0.9.1). Every NodePool skips cached offerings until the TTL expires. The reason is the fleet error code or, for interruptions, the message kind.',
    actions: ['See the blocked-offerings table: what was unavailable, why, and until when.'],
    docs: DOCS.faq,
  },
  // ── Scheduling ──
  {
    id: 'could_not_schedule_pod',
    title: 'Pod could not be scheduled on any NodePool',
    severity: 'error',
    category: 'scheduling',
    match: [{ text: /could not schedule pod/i }],
    what: 'The provisioner found no NodePool and instance type that can run the pod, so it launched nothing for it; the pod stays Pending.',
    why: 'The message lists, per NodePool, why it was rejected (taints, requirements, limits, no instance type); the reasons are explained as separate problems. Karpenter re-evaluates on every batch.',
    versions: [
      {
        until: '0.36.99',
        text: 'Up to v0.36 the message is "Could not schedule pod, <reasons>" with a `pod` field.',
      },
      {
        from: '0.37.0',
        text: 'Since v0.37 it is "could not schedule pod" with a Pod field and the reasons in `error`.',
      },
    ],
    actions: [
      'Read the per-NodePool reasons in the example line, then compare with the pod: `kubectl describe pod <pod>` (requests, nodeSelector, affinity, tolerations).',
      'Check the NodePools: `kubectl get nodepools -o yaml` (requirements, taints, limits).',
    ],
    docs: DOCS.scheduling,
  },
  {
    id: 'incompatible_with_nodepool',
    title: 'Pod incompatible with a NodePool',
    severity: 'warning',
    category: 'scheduling',
    match: [{ text: /incompatible with (?:provisioner|nodepool)/ }],
    what: 'A NodePool ({nodepools}) was ruled out for the pod; the reason follows in the line.',
    why: 'Karpenter only considers NodePools whose taints the pod tolerates, whose requirements intersect the pod’s, and whose instance types fit the pod plus daemonset overhead.',
    actions: [
      'Fix the reason the line gives for the NodePool you meant the pod to use; other NodePools being ruled out is normal.',
    ],
    docs: DOCS.scheduling,
  },
  {
    id: 'taint_not_tolerated',
    title: 'Pod does not tolerate a NodePool taint',
    severity: 'warning',
    category: 'scheduling',
    match: [{ text: /did not tolerate/ }],
    what: 'The pod has no toleration for a taint the NodePool puts on its nodes.',
    why: 'Karpenter never launches a node whose taints the pod does not tolerate.',
    actions: [
      'Add the toleration to the pod spec, or remove the taint from the NodePool’s `spec.template.spec.taints` if the pod should run there.',
    ],
    docs: DOCS.scheduling,
  },
  {
    id: 'no_instance_type_satisfied',
    title: 'No instance type satisfies the pod',
    severity: 'warning',
    category: 'scheduling',
    match: [{ text: /no instance type (?:satisfied|met|has enough)/ }],
    what: 'None of the NodePool’s instance types has enough allocatable resources for the pod (after daemonset overhead and reserved resources), meets all its requirements, or has an available offering.',
    why: 'Quota- or ICE-blocked offerings and NodePool limits also surface this way ("or had a required offering"), which is why this message is often misleading.',
    actions: [
      'Compare the pod’s requests with the largest allowed type: `kubectl describe pod <pod>`; allow larger sizes or more families in the NodePool.',
      'Check for capacity or quota errors in the same window (blocked offerings below).',
    ],
    docs: DOCS.scheduling,
  },
  {
    id: 'incompatible_requirements',
    title: 'Pod requirements incompatible with the NodePool',
    severity: 'warning',
    category: 'scheduling',
    match: [{ text: /incompatible requirements|does not have known values/ }],
    what: 'The pod asks for a label or value (nodeSelector, node affinity) the NodePool cannot provide.',
    why: 'A label Karpenter does not know must be in the NodePool’s labels or requirements, otherwise no node can satisfy the pod.',
    actions: [
      'Add the label to the NodePool’s `spec.template.metadata.labels` or `spec.template.spec.requirements`, or drop it from the pod’s nodeSelector/affinity.',
    ],
    docs: DOCS.scheduling,
  },
  {
    id: 'nodepool_limits_exceeded',
    title: 'NodePool limits reached',
    severity: 'error',
    category: 'scheduling',
    match: [{ text: /exceed (?:provisioner )?limits|would breach (?:provisioner )?limits/ }],
    what: 'Launching any allowed instance type would push the NodePool ({nodepools}) over its `limits`.',
    why: 'Karpenter sums the capacity of all nodes of the NodePool, including nodes still terminating, and excludes types that would cross the limit.',
    versions: [
      { until: '0.32.99', text: 'v1alpha5 Provisioner: `spec.limits.resources.cpu/memory`.' },
      { from: '0.32.0', text: 'NodePool: `spec.limits.cpu/memory` (flat).' },
    ],
    actions: [
      'Raise `spec.limits` of the NodePool, or add another NodePool for the overflow.',
      'Look for nodes stuck terminating that still count: `kubectl get nodeclaims`',
    ],
    docs: DOCS.nodepools,
  },
  // ── Discovery and configuration ──
  {
    id: 'subnet_discovery_failed',
    title: 'No subnets found for the node class',
    severity: 'error',
    category: 'configuration',
    match: [{ text: /no subnets (?:matched|found|exist)/ }],
    what: 'The subnet selector of the EC2NodeClass (AWSNodeTemplate / Provisioner `subnetSelector` in older versions) matched no subnet.',
    why: 'Without subnets Karpenter can resolve no offering and launches nothing.',
    actions: [
      'Tag the cluster’s private subnets with the selector’s tag (usually `karpenter.sh/discovery=<cluster>`): `aws ec2 create-tags --resources <subnet-id> --tags Key=karpenter.sh/discovery,Value=<cluster>`',
      'Check what matches: `aws ec2 describe-subnets --filters Name=tag:karpenter.sh/discovery,Values=<cluster>{regionFlag}`',
    ],
    docs: DOCS.nodeclasses,
  },
  {
    id: 'security_group_discovery_failed',
    title: 'No security groups found for the node class',
    severity: 'error',
    category: 'configuration',
    match: [{ text: /no security groups? (?:matched|found|exist)/ }],
    what: 'The security-group selector of the node class matched no security group.',
    why: 'Karpenter cannot launch without security groups.',
    actions: [
      'Tag the node security group with the selector’s tag, or fix `securityGroupSelectorTerms`: `aws ec2 describe-security-groups --filters Name=tag:karpenter.sh/discovery,Values=<cluster>{regionFlag}`',
    ],
    docs: DOCS.nodeclasses,
  },
  {
    id: 'ami_discovery_failed',
    title: 'AMI discovery failed',
    severity: 'error',
    category: 'configuration',
    match: [
      {
        text: /failed to discover AMIs|discovering amis|no amis (?:exist|found|matched)|getting amis,|resolving amis/i,
      },
    ],
    what: 'Karpenter could not resolve the EC2NodeClass AMIs (alias, SSM parameter or selector terms).',
    why: 'Without an AMI no launch is possible. An alias version such as `al2023@v20241213` must exist for the cluster’s Kubernetes version; SSM parameter reads can be throttled.',
    actions: [
      'Check `amiSelectorTerms` / `amiFamily` and the resolved `status.amis`: `kubectl get ec2nodeclass -o yaml`',
      'For an alias, use `@latest` or an existing version: `aws ssm get-parameter --name /aws/service/eks/optimized-ami/<k8s-version>/amazon-linux-2023/x86_64/standard/recommended/image_id{regionFlag}`',
    ],
    docs: DOCS.nodeclasses,
  },
  {
    id: 'instance_profile_creation_failed',
    title: 'Instance profile could not be created',
    severity: 'error',
    category: 'iam',
    match: [{ text: /creating instance profile|to instance profile/ }],
    what: 'The EC2NodeClass controller could not create or update the node instance profile for `spec.role`.',
    why: 'The controller needs IAM rights on instance profiles and iam:PassRole on the node role; without a profile no node launches.',
    actions: [
      'Allow the controller role iam:CreateInstanceProfile, iam:AddRoleToInstanceProfile, iam:TagInstanceProfile, iam:GetInstanceProfile and iam:PassRole on the node role ({iamRoles}).',
    ],
    docs: DOCS.cloudformation,
  },
  {
    id: 'nodeclass_not_found',
    title: 'Node class not found',
    severity: 'error',
    category: 'configuration',
    match: [{ text: /(?:AWSNodeTemplate|EC2NodeClass)(?:\.karpenter\.k8s\.aws)? "[^"]*" not found/ }],
    what: 'A Provisioner/NodePool (or its nodes) references an AWSNodeTemplate / EC2NodeClass that does not exist.',
    why: 'Karpenter cannot resolve launch settings and skips the NodePool.',
    actions: [
      'Create the node class or fix `providerRef` / `nodeClassRef`: `kubectl get ec2nodeclasses` (v1beta1+) or `kubectl get awsnodetemplates` (v1alpha5).',
    ],
    docs: DOCS.nodeclasses,
  },
  {
    id: 'nodeclass_not_ready',
    title: 'Node class not ready',
    severity: 'error',
    category: 'configuration',
    match: [{ text: /NodeClassNotReady|node ?class (?:is )?not ready/i }],
    what: 'The EC2NodeClass is not Ready (subnets, security groups, AMIs or instance profile unresolved).',
    why: 'Karpenter does not launch for a NodePool whose node class is not ready.',
    actions: ['See why: `kubectl describe ec2nodeclass <name>` (status conditions).'],
    docs: DOCS.nodeclasses,
  },
  {
    id: 'private_dns_name_not_set',
    title: 'Instance launched without a private DNS name',
    severity: 'error',
    category: 'network',
    match: [{ text: /PrivateDnsName was not set/ }],
    what: 'EC2 launched the instance but it had no private DNS name, so Karpenter could not name the node.',
    why: 'Usually the VPC has DNS hostnames disabled or a custom DHCP options set.',
    actions: [
      'Enable DNS support and hostnames on the VPC: `aws ec2 modify-vpc-attribute --vpc-id <vpc> --enable-dns-hostnames "{\\"Value\\":true}"`',
      'Upgrade Karpenter: this path was reworked after v0.5.',
    ],
    docs: DOCS.troubleshooting,
  },
  {
    id: 'pricing_api_unreachable',
    title: 'Pricing API unreachable',
    severity: 'warning',
    category: 'network',
    match: [
      {
        text: /updating (?:on-demand|spot) pric|retrieving (?:on-demand|spot) pric|api\.pricing\.[a-z0-9-]+\.amazonaws\.com/i,
      },
    ],
    what: 'Karpenter could not fetch prices (the Pricing API is only in a few Regions, e.g. us-east-1, and needs internet or a proxy).',
    why: 'Karpenter keeps using its built-in or last prices, so cost decisions may be stale; launches continue.',
    actions: [
      'In an isolated VPC, tell Karpenter not to call the Pricing API (`AWS_ISOLATED_VPC=true`, chart setting isolatedVPC).',
      'Otherwise allow HTTPS egress to the Pricing endpoint.',
    ],
    docs: DOCS.troubleshooting,
  },
  {
    id: 'intree_storage_plugin_unsupported',
    title: 'In-tree EBS storage plugin in use',
    severity: 'warning',
    category: 'configuration',
    match: [{ text: /in-tree storage plugin/ }],
    what: 'A PersistentVolume or StorageClass uses the in-tree `kubernetes.io/aws-ebs` plugin.',
    why: 'Karpenter cannot discover volume limits for in-tree volumes, so scale-ups may fail.',
    actions: ['Install the EBS CSI driver and use a StorageClass with `provisioner: ebs.csi.aws.com`.'],
    docs: DOCS.ebsCsi,
  },
  // ── Webhook and controller ──
  {
    id: 'webhook_certificate_error',
    title: 'Webhook certificate problem',
    severity: 'error',
    category: 'webhook',
    match: [
      {
        text: /no certificates configured|x509: |remote error: tls|certificate signed by unknown authority|failed calling webhook/,
      },
    ],
    what: 'The API server and Karpenter’s webhook disagree on TLS: the serving certificate is missing or does not match the webhook configuration’s caBundle or service name.',
    why: 'Typical after upgrades (e.g. v0.3x → v1) when old validating/mutating webhook configurations still point at the Karpenter service; API calls on Karpenter objects then fail.',
    actions: [
      'List leftover webhook configurations: `kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations | grep -i karpenter` and delete those your version no longer installs.',
      'Restart the controller to regenerate its certificate: `kubectl rollout restart -n karpenter deploy/karpenter`',
    ],
    docs: DOCS.troubleshooting,
  },
  {
    id: 'webhook_tls_error',
    title: 'TLS handshake errors on the webhook port',
    severity: 'warning',
    category: 'webhook',
    match: [{ text: /TLS handshake error/ }],
    what: 'A client opened a connection to Karpenter’s webhook server and closed or broke it during the TLS handshake.',
    why: 'With `EOF` or `connection reset` from the API server or a health check this is usually noise. Together with certificate errors it means the API server cannot call the webhook.',
    actions: [
      'If there are only EOF/reset lines, nothing is broken: check what probes port 8443 with plain TCP (load-balancer health checks).',
      'If certificate errors appear too, fix those first (see above).',
    ],
    docs: DOCS.troubleshooting,
  },
  {
    id: 'leader_election_lost',
    title: 'Controller lost leader election',
    severity: 'error',
    category: 'controller',
    match: [{ text: /leader election lost|leaderelection lost/i }],
    what: 'The controller lost its leader lease and exited.',
    why: 'Usually the API server was slow or unreachable, or the pod was CPU-throttled past the lease renewal deadline.',
    actions: [
      'Check controller CPU limits and API server health; the pod restarts and another replica takes over.',
    ],
    docs: DOCS.troubleshooting,
  },
  {
    id: 'controller_startup',
    title: 'Controller started',
    severity: 'info',
    category: 'controller',
    activity: true,
    match: [
      {
        text: /^(?:Starting (?:server|informers|manager|controller|workers|EventSource|metrics server)|starting server|Serving metrics server|attempting to acquire leader lease|successfully acquired lease|Started workers)/,
      },
    ],
    what: 'The Karpenter controller or webhook started.',
    why: 'Several startups in one log mean restarts: look for crashes or OOM kills around them.',
    actions: [],
    docs: DOCS.troubleshooting,
  },
  // ── Interruptions ──
  {
    id: 'spot_interruption',
    title: 'Spot interruption notice',
    severity: 'info',
    category: 'interruption',
    timeline: 'interruption',
    capacityType: 'spot',
    match: [
      {
        text: /interruption message|removing offering from offerings/,
        fields: { messageKind: /^(?:SpotInterruptionKind|spot_interrupted)$/ },
      },
      // NTH: the event itself, not every drain line that repeats its description.
      {
        text: /Adding new event to the event store.*"Kind"\s*:\s*"SPOT_ITN"|Spot Interruption notice for instance/,
      },
    ],
    what: 'EC2 will reclaim a Spot instance in two minutes.',
    why: 'Karpenter (interruption queue, v0.19+) cordons and drains the node, launches a replacement at once and caches the (spot, type, zone) offering as unavailable for {ttl}. NTH cordons and drains the node. Many notices for the same type mean its Spot pool is shallow.',
    actions: [
      'If frequent, diversify instance types and zones so price-capacity-optimized can pick deeper pools: `spotctl suggest --types {types}{regionFlag}`',
      'Keep `terminationGracePeriodSeconds` under 2 minutes and use PDBs so pods move in time.',
      'Handle interruptions with Karpenter’s queue or NTH, not both.',
    ],
    docs: DOCS.spotInterruptions,
  },
  {
    id: 'rebalance_recommendation_drain',
    title: 'NTH drained a node on a rebalance recommendation',
    severity: 'warning',
    category: 'nth',
    timeline: 'drain',
    match: [
      { text: /Requesting instance drain.*kind=REBALANCE_RECOMMENDATION/ },
      { text: /cordoned and drained.*Rebalance recommendation received/ },
    ],
    what: 'aws-node-termination-handler cordoned and drained a node because of a rebalance recommendation — not an interruption.',
    why: 'Karpenter takes no action on rebalance recommendations. With NTH draining on them, Karpenter relaunches the same cheapest type, which gets the same recommendation: a drain loop. NTH in queue mode drains on rebalance regardless of `enableRebalanceDraining`.',
    actions: [
      'Prefer removing NTH and using Karpenter’s interruption queue (`settings.interruptionQueue`, v0.32+; `aws.interruptionQueueName` v0.19–v0.31).',
      'If NTH must stay, run it in IMDS mode with `enableRebalanceDraining=false` and `enableSpotInterruptionDraining=false` so Karpenter owns interruptions.',
    ],
    docs: DOCS.faq,
  },
  {
    id: 'rebalance_recommendation',
    title: 'Spot rebalance recommendation',
    severity: 'info',
    category: 'interruption',
    timeline: 'interruption',
    capacityType: 'spot',
    match: [
      {
        text: /interruption message/,
        fields: { messageKind: /^(?:RebalanceRecommendationKind|rebalance_recommendation)$/ },
      },
      {
        text: /InstanceSpotRebalanceRecommendation|spot rebalance recommendation|Adding new event to the event store.*"Kind"\s*:\s*"REBALANCE_RECOMMENDATION"/,
      },
    ],
    what: 'EC2 signalled that a Spot instance is at elevated risk of interruption.',
    why: 'Karpenter takes no action: it only emits the InstanceSpotRebalanceRecommendation event (support is an open feature request, aws/karpenter-provider-aws#2813). A real interruption notice follows if the instance is reclaimed. NTH cordons on it with `enableRebalanceMonitoring` and drains with `enableRebalanceDraining` (IMDS mode); in queue mode it drains regardless.',
    actions: ['Nothing to do for Karpenter. Do not make NTH drain on it alongside Karpenter (drain loop).'],
    docs: DOCS.rebalance,
  },
  {
    id: 'scheduled_event',
    title: 'Scheduled maintenance event',
    severity: 'info',
    category: 'interruption',
    timeline: 'interruption',
    match: [
      { text: /interruption message/, fields: { messageKind: /^(?:ScheduledChangeKind|scheduled_change)$/ } },
      { text: /Adding new event to the event store.*"Kind"\s*:\s*"SCHEDULED_EVENT"/ },
    ],
    what: 'AWS scheduled maintenance (stop, retirement, reboot) for an instance.',
    why: 'Karpenter cordons and drains the node when the AWS Health event reaches its queue; NTH drains when `enableScheduledEventDraining` is on (IMDS mode).',
    actions: ['Nothing to do if the node was replaced; otherwise check the event in the EC2 console.'],
    docs: DOCS.interruption,
  },
  {
    id: 'instance_state_change',
    title: 'Instance stopping or terminated outside Karpenter',
    severity: 'info',
    category: 'interruption',
    timeline: 'interruption',
    match: [
      {
        text: /interruption message/,
        fields: {
          messageKind: /^(?:StateChangeKind|instance_stopped|instance_terminated|instance_stopping)$/,
        },
      },
      { text: /EC2 State Change event received/ },
    ],
    what: 'EC2 reported an instance stopping or terminating that Karpenter did not initiate.',
    why: 'Karpenter cordons, drains and deletes the node; someone or something (a script, the console, an ASG) stopped the instance.',
    actions: ['Find who did it: CloudTrail StopInstances/TerminateInstances events for the instance.'],
    docs: DOCS.interruption,
  },
  {
    id: 'capacity_reservation_interrupted',
    title: 'Capacity reservation interruption',
    severity: 'info',
    category: 'interruption',
    timeline: 'interruption',
    match: [{ text: /interruption message/, fields: { messageKind: /^capacity_reservation_interrupted$/ } }],
    what: 'An instance in an interruptible capacity reservation is being reclaimed.',
    why: 'Karpenter cordons and drains the node like a Spot interruption.',
    actions: ['Allow other capacity types in the NodePool so replacements can launch.'],
    docs: DOCS.interruption,
  },
  {
    id: 'interruption_delete',
    title: 'Karpenter deleted a node for an interruption message',
    severity: 'info',
    category: 'interruption',
    timeline: 'interruption',
    match: [
      {
        text: /(?:initiating delete|initiating delete for machine|deleted node|deleted machine) from interruption message/,
      },
    ],
    what: 'Karpenter acted on a message from its interruption queue: cordon, drain, delete the node.',
    why: 'Spot interruptions, scheduled changes and state changes lead to CordonAndDrain; rebalance recommendations to no action.',
    actions: [],
    docs: DOCS.interruption,
  },
  // ── NTH ──
  {
    id: 'asg_lifecycle_termination',
    title: 'ASG lifecycle termination (NTH)',
    severity: 'info',
    category: 'nth',
    timeline: 'drain',
    match: [
      {
        text: /kind=ASG_LIFECYCLE|Kind"\s*:\s*"ASG_LIFECYCLE"|ASG Lifecycle Termination event|Completed ASG Lifecycle Hook/,
      },
    ],
    what: 'An Auto Scaling group is terminating an instance and NTH handled its lifecycle hook.',
    why: 'NTH drains the node and completes the hook so the ASG can terminate it. Karpenter nodes are not in ASGs.',
    actions: [],
    docs: DOCS.nth,
  },
  {
    id: 'sqs_terminate_event',
    title: 'SQS termination event (NTH queue mode)',
    severity: 'info',
    category: 'nth',
    timeline: 'drain',
    match: [{ text: /kind=SQS_TERMINATE|Kind"\s*:\s*"SQS_TERMINATE"/ }],
    what: 'NTH in queue mode received a termination event from SQS (EventBridge: ASG termination, Spot interruption, state change).',
    why: 'NTH cordons and drains the node before the instance goes away.',
    actions: [],
    docs: DOCS.nth,
  },
  {
    id: 'nth_drain_started',
    title: 'NTH started draining a node',
    severity: 'info',
    category: 'nth',
    activity: true,
    match: [{ text: /Requesting instance drain|^Draining the node/ }],
    what: 'NTH asked to drain a node for an event.',
    why: 'NTH cordons the node and evicts its pods (respecting PDBs) until its drain timeout.',
    actions: [],
    docs: DOCS.nth,
  },
  {
    id: 'nth_cordon_drain',
    title: 'NTH cordoned and drained a node',
    severity: 'info',
    category: 'nth',
    timeline: 'drain',
    match: [{ text: /Node successfully cordoned/ }],
    what: 'NTH cordoned (and drained) a node; the reason is in the line.',
    why: 'If Karpenter also handles interruptions, both act on the same node; the Karpenter FAQ says not to run them together.',
    actions: ['If Karpenter manages these nodes, prefer Karpenter’s interruption queue over NTH.'],
    docs: DOCS.nth,
  },
  {
    id: 'nth_drain_failed',
    title: 'NTH failed to drain a node',
    severity: 'error',
    category: 'nth',
    timeline: 'drain',
    match: [
      {
        text: /There was a problem while trying to cordon and drain|Unable to drain|error draining node|Unable to cordon/i,
      },
    ],
    what: 'NTH could not finish cordoning/draining the node; the pods listed were not evicted.',
    why: 'Usually a PodDisruptionBudget blocked evictions until NTH’s drain timeout, or the API server refused the eviction.',
    actions: ['See the eviction errors in the line; fix PDBs that allow 0 disruptions (below).'],
    docs: DOCS.nth,
  },
  {
    id: 'pdb_eviction_timeout',
    title: 'Evictions blocked by PodDisruptionBudgets until timeout',
    severity: 'warning',
    category: 'nth',
    match: [
      {
        text: /global timeout reached|violate the pod's disruption budget|Cannot evict pod as it would violate/,
      },
    ],
    what: 'Pod evictions were refused (PodDisruptionBudget) until the drain timeout.',
    why: 'With a two-minute Spot notice the instance goes away anyway, and the pods are then killed without a graceful shutdown.',
    actions: [
      'List budgets that allow no disruption: `kubectl get pdb -A` (ALLOWED DISRUPTIONS 0); give such workloads more replicas or a looser `minAvailable`/`maxUnavailable`.',
    ],
    docs: DOCS.pdb,
  },
  {
    id: 'nth_pod_eviction',
    title: 'NTH evicting pods',
    severity: 'info',
    category: 'nth',
    activity: true,
    match: [{ text: /^evicting pod/ }],
    what: 'The drain library in NTH evicted pods.',
    why: 'Part of a drain.',
    actions: [],
    docs: DOCS.nth,
  },
  {
    id: 'nth_event_dropped_instance_terminated',
    title: 'NTH dropped an event for an already-terminated instance',
    severity: 'warning',
    category: 'nth',
    match: [{ text: /dropping event.*terminated/ }],
    what: 'NTH handled the event only after the instance was already terminated, so it could not drain it.',
    why: 'The SQS queue is backed up, NTH was down, or the event is for an instance outside this cluster.',
    actions: [
      'Check the queue backlog (ApproximateNumberOfMessagesVisible) and NTH restarts; use one queue per cluster.',
    ],
    docs: DOCS.nth,
  },
  {
    id: 'nth_event_parse_error',
    title: 'NTH could not parse an event',
    severity: 'warning',
    category: 'nth',
    match: [{ text: /Unable to parse .{0,40}event|unable to parse .{0,40}event/ }],
    what: 'NTH could not parse part of an event (e.g. a scheduled event without an end time) and continued.',
    why: 'Old NTH versions failed on some IMDS scheduled-event formats.',
    actions: ['Upgrade NTH if the event was not handled.'],
    docs: DOCS.nth,
  },
  // ── Disruption ──
  disruption(
    'consolidation_delete',
    'consolidation',
    /^underutilized$/i,
    'delete',
    'Karpenter removed nodes whose pods fit elsewhere (consolidation).',
  ),
  disruption(
    'consolidation_replace',
    'consolidation',
    /^underutilized$/i,
    'replace',
    'Karpenter replaced nodes with a cheaper one (consolidation).',
  ),
  disruption(
    'drift_delete',
    'drift',
    /^drifted$/i,
    'delete',
    'Karpenter removed nodes that drifted from their NodePool/EC2NodeClass (new AMI, changed spec).',
  ),
  disruption(
    'drift_replace',
    'drift',
    /^drifted$/i,
    'replace',
    'Karpenter replaced nodes that drifted from their NodePool/EC2NodeClass (new AMI, changed spec).',
  ),
  disruption('emptiness_delete', 'emptiness', /^empty$/i, 'delete', 'Karpenter removed empty nodes.'),
  disruption(
    'expiration_delete',
    'expiration',
    /^expired$/i,
    'delete',
    'Karpenter removed nodes that reached expireAfter.',
  ),
  disruption(
    'expiration_replace',
    'expiration',
    /^expired$/i,
    'replace',
    'Karpenter replaced nodes that reached expireAfter.',
  ),
  // ── Lifecycle activity ──
  {
    id: 'node_disruption_taint',
    title: 'Node tainted for disruption',
    severity: 'info',
    category: 'lifecycle',
    activity: true,
    match: [{ text: /^(?:tainted node|cordoned node|Cordoned node)$/ }],
    what: 'Karpenter tainted (older versions: cordoned) a node before draining it.',
    why: 'The line alone does not say why: look at the disruption or interruption lines just before it. v1 uses the taint karpenter.sh/disrupted:NoSchedule.',
    actions: [],
    docs: DOCS.disruption,
  },
  {
    id: 'node_deleted',
    title: 'Node deleted',
    severity: 'info',
    category: 'lifecycle',
    activity: true,
    match: [{ text: /^(?:deleted node|Deleted node)$/ }],
    what: 'Karpenter finished terminating a node.',
    why: 'After disruption, interruption, expiry or a deleted NodeClaim.',
    actions: [],
    docs: DOCS.disruption,
  },
  {
    id: 'nodeclaim_launched',
    title: 'Node launched',
    severity: 'info',
    category: 'lifecycle',
    activity: true,
    timeline: 'launch',
    match: [
      { text: /^(?:launched nodeclaim|launched machine|launched node|Launched instance|Launched node)\b/ },
    ],
    what: 'Karpenter launched an instance.',
    why: 'The line names the instance type, zone and capacity type EC2 picked.',
    actions: [],
    docs: DOCS.nodepools,
  },
  {
    id: 'nodeclaim_created',
    title: 'NodeClaim created',
    severity: 'info',
    category: 'lifecycle',
    activity: true,
    match: [{ text: /^(?:created nodeclaim|created machine)$/ }],
    what: 'Karpenter decided to launch a node for pending pods.',
    why: 'The line lists the candidate instance types.',
    actions: [],
    docs: DOCS.nodepools,
  },
  {
    id: 'nodeclaim_registered',
    title: 'Node registered / initialized',
    severity: 'info',
    category: 'lifecycle',
    activity: true,
    match: [{ text: /^(?:registered|initialized) (?:nodeclaim|machine)$/ }],
    what: 'A launched node joined the cluster and became ready.',
    why: 'Long gaps between launch and registration point to bootstrap problems (user data, networking).',
    actions: [],
    docs: DOCS.troubleshooting,
  },
];

/** Every AWS code the knowledge base has an entry for. */
export const KNOWN_CODES: ReadonlySet<string> = new Set(
  KNOWLEDGE_BASE.flatMap((entry) => entry.match.flatMap((rule) => rule.codes ?? [])),
);

export const entryById = (id: string): KnowledgeEntry | undefined => KNOWLEDGE_BASE.find((e) => e.id === id);
