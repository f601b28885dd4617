/**
 * Discovery and configuration: subnets, security groups, AMIs, instance profiles, node classes and
 * NodePools that are not ready, pricing.
 */
import { karpenterDocs } from './shared.js';
import type { KnowledgeEntry } from './types.js';

/** What an unresolved node class leads to. */
const NODECLASS_EFFECTS = [
  'nodeclass_not_ready',
  'nodepool_not_ready',
  'all_instance_types_unavailable',
  'could_not_schedule_pod',
  'no_instance_type_satisfied',
];

export const CONFIGURATION_ENTRIES: KnowledgeEntry[] = [
  {
    id: 'subnet_discovery_failed',
    title: 'No subnets found for the node class',
    severity: 'error',
    category: 'configuration',
    causes: NODECLASS_EFFECTS,
    match: [{ text: /no subnets (?:matched|found|exist|are discovered)/ }],
    what: 'The subnet selector of the node class (EC2NodeClass `subnetSelectorTerms`; AWSNodeTemplate or Provisioner `subnetSelector` before v0.32) matched no subnet.',
    why: 'Without subnets Karpenter can resolve no offering and launches nothing for the NodePools that use the node class.',
    actions: [
      'Tag the cluster’s private subnets with the selector’s tag (usually `karpenter.sh/discovery=<cluster>`): `aws ec2 create-tags --resources <subnet-id> --tags Key=karpenter.sh/discovery,Value=<cluster>{regionFlag}`',
      'Check what matches: `aws ec2 describe-subnets --filters Name=tag:karpenter.sh/discovery,Values=<cluster>{regionFlag}`',
    ],
    docs: karpenterDocs('concepts/nodeclasses', 'specsubnetselectorterms'),
  },
  {
    id: 'security_group_discovery_failed',
    title: 'No security groups found for the node class',
    severity: 'error',
    category: 'configuration',
    causes: NODECLASS_EFFECTS,
    match: [{ text: /no security groups? (?:matched|found|exist|are discovered|are present)/ }],
    what: 'The security-group selector of the node class matched no security group.',
    why: 'Karpenter cannot launch without security groups.',
    actions: [
      'Tag the node security group with the selector’s tag, or fix `securityGroupSelectorTerms`: `aws ec2 describe-security-groups --filters Name=tag:karpenter.sh/discovery,Values=<cluster>{regionFlag}`',
    ],
    docs: karpenterDocs('concepts/nodeclasses', 'specsecuritygroupselectorterms'),
  },
  {
    id: 'ami_discovery_failed',
    title: 'AMI discovery failed',
    severity: 'error',
    category: 'configuration',
    causes: NODECLASS_EFFECTS,
    match: [
      {
        text: /failed to discover (?:any )?AMIs|discovering amis|no amis (?:exist|found|matched)|getting amis,|resolving amis|no instance types satisfy requirements of amis/i,
      },
    ],
    what: 'Karpenter could not resolve the node class’s AMIs (alias, SSM parameter or selector terms), or none of them fits the allowed instance types.',
    why: 'Without an AMI no launch is possible. An alias version such as `al2023@v20241213` must exist for the cluster’s Kubernetes version; an AMI of one architecture leaves the other architecture’s instance types without an image.',
    actions: [
      'Check `amiSelectorTerms` / `amiFamily` and what resolved: `kubectl get ec2nodeclass -o yaml` (status.amis).',
      'For an alias, use `@latest` or an existing version: `aws ssm get-parameter --name /aws/service/eks/optimized-ami/<k8s-version>/amazon-linux-2023/x86_64/standard/recommended/image_id{regionFlag}`',
    ],
    docs: karpenterDocs('concepts/nodeclasses', 'specamiselectorterms'),
  },
  {
    id: 'al2_alias_unsupported',
    title: 'AL2 AMI alias on EKS 1.33 or later',
    severity: 'error',
    category: 'configuration',
    causes: NODECLASS_EFFECTS,
    match: [{ text: /AL2 aliases are no longer supported on EKS 1\.33/ }],
    what: 'The node class selects Amazon Linux 2 AMIs by alias, and EKS publishes no AL2 AMIs for Kubernetes 1.33 and later.',
    why: 'The alias resolves to nothing, so the node class is not ready and nothing launches with it.',
    actions: [
      'Switch the alias to Amazon Linux 2023 or Bottlerocket: `amiSelectorTerms: [{alias: al2023@latest}]` (test the workloads on AL2023 first).',
    ],
    docs: karpenterDocs('concepts/nodeclasses', 'specamiselectorterms'),
  },
  {
    id: 'instance_profile_creation_failed',
    title: 'Instance profile could not be created',
    severity: 'error',
    category: 'iam',
    causes: NODECLASS_EFFECTS,
    match: [{ text: /creating instance profile|to instance profile/ }],
    what: 'Karpenter could not create or update the node instance profile for the node class’s `role` (EC2NodeClass `spec.role`, from v0.32).',
    why: 'With `role`, Karpenter manages the instance profile itself and needs IAM rights on instance profiles and iam:PassRole on the node role; without a profile no node launches.',
    actions: [
      'Allow the controller role iam:CreateInstanceProfile, iam:AddRoleToInstanceProfile, iam:TagInstanceProfile, iam:GetInstanceProfile and iam:PassRole on the node role ({iamRoles}).',
      'Or name an existing profile with `spec.instanceProfile` instead of `spec.role`.',
    ],
    docs: karpenterDocs('concepts/nodeclasses', 'specrole'),
  },
  {
    id: 'instance_profile_unresolved',
    title: 'No instance profile for the nodes',
    severity: 'error',
    category: 'configuration',
    causes: NODECLASS_EFFECTS,
    match: [
      {
        text: /instance profile hasn't resolved for role|neither spec\.instanceProfile or spec\.role is specified|neither spec\.provider\.instanceProfile nor --aws-default-instance-profile is specified/,
      },
    ],
    what: 'Karpenter has no instance profile to give the nodes: the node class names neither a `role` nor an `instanceProfile` (before v0.32: no provider instanceProfile and no default), or the one for its role is not created yet.',
    why: 'Launch templates need an instance profile, so nothing launches until one resolves.',
    actions: [
      'Set `spec.role` (Karpenter manages the profile) or `spec.instanceProfile` on the EC2NodeClass; before v0.32, set `aws.defaultInstanceProfile` or the Provisioner/AWSNodeTemplate `instanceProfile`.',
    ],
    docs: karpenterDocs('concepts/nodeclasses', 'specinstanceprofile'),
  },
  {
    id: 'nodeclass_not_found',
    title: 'Node class not found',
    severity: 'error',
    category: 'configuration',
    causes: ['nodepool_not_ready', 'could_not_schedule_pod'],
    match: [{ text: /(?:AWSNodeTemplate|EC2NodeClass)(?:\.karpenter\.k8s\.aws)? "[^"]*" not found/ }],
    what: 'A Provisioner or NodePool (or its nodes) references an AWSNodeTemplate / EC2NodeClass that does not exist.',
    why: 'Karpenter cannot resolve launch settings and skips the NodePool.',
    actions: [
      'Create the node class or fix `providerRef` / `nodeClassRef`: `kubectl get ec2nodeclasses` (v0.32 and later) or `kubectl get awsnodetemplates` (before).',
    ],
    docs: karpenterDocs('concepts/nodepools', 'spectemplatespecnodeclassref'),
  },
  {
    id: 'nodeclass_not_ready',
    title: 'Node class not ready',
    severity: 'error',
    category: 'configuration',
    causes: ['nodepool_not_ready', 'could_not_schedule_pod', 'area:karpenter.launch'],
    match: [
      {
        text: /NodeClassNotReady|node ?class (?:is )?not ready|NodeClassRef not ready|nodeclass is in Ready=Unknown|nodeclass status has not been reconciled/i,
      },
    ],
    what: 'The node class is not Ready: its subnets, security groups, AMIs or instance profile did not resolve, or its status does not yet reflect its spec.',
    why: 'Karpenter does not launch for a NodePool whose node class is not ready; the node class controller resolves it again on every change and periodically.',
    actions: [
      'See which condition is false and why: `kubectl describe ec2nodeclass <name>` (status conditions).',
    ],
    docs: karpenterDocs('concepts/nodeclasses'),
  },
  {
    id: 'nodepool_not_ready',
    title: 'NodePool not ready',
    severity: 'error',
    category: 'configuration',
    causes: ['could_not_schedule_pod'],
    match: [{ text: /^(?:ignoring nodepool, not ready|nodePool not ready)(?:\n|$)/ }],
    what: 'The provisioner skipped a NodePool because it is not Ready.',
    why: 'A NodePool is ready only when its node class is ready and its own validation succeeded; until then it is not considered for scheduling, and the pods that need it stay Pending.',
    actions: [
      'See which condition is false: `kubectl get nodepool <name> -o yaml` (NodeClassReady, ValidationSucceeded).',
    ],
    docs: karpenterDocs('concepts/nodepools', 'statusconditions'),
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
    ],
    docs: karpenterDocs('troubleshooting', 'node-not-created'),
  },
  {
    id: 'pricing_access_denied',
    title: 'Pricing API denied (pricing:GetProducts)',
    severity: 'warning',
    category: 'iam',
    match: [
      {
        text: /(?:pricing|GetProducts)[\s\S]{0,300}?(?:AccessDenied|not authorized to perform)|not authorized to perform: pricing:GetProducts/,
      },
    ],
    what: 'AWS refused the controller’s Pricing API call: its role may not call pricing:GetProducts.',
    why: 'Karpenter goes on with the prices it has (the price list built into it at start-up), so cost-based choices use older prices; launches continue.',
    actions: ['Allow `pricing:GetProducts` (Resource `*`) to the controller role.'],
    docs: karpenterDocs('troubleshooting', 'stale-pricing-data-on-isolated-subnet'),
  },
  {
    id: 'pricing_endpoint_missing',
    title: 'No Pricing API endpoint for this partition or Region',
    severity: 'warning',
    category: 'network',
    match: [
      {
        text: /(?:api\.pricing\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?[^\n]{0,120}?no such host|pricing[\s\S]{0,200}?(?:UnknownEndpoint|could not resolve endpoint|failed to resolve service endpoint|endpoint rule error))/,
      },
    ],
    what: 'The Pricing API endpoint Karpenter calls does not exist where it runs (the name does not resolve, or the SDK has no endpoint for that partition).',
    why: 'The Pricing API is served in a few Regions only, and not in every partition; Karpenter then uses the prices built into it, which change only with upgrades.',
    actions: [
      'Turn the Pricing lookups off so the errors stop: `AWS_ISOLATED_VPC=true` (Helm `settings.isolatedVPC=true`; `settings.aws.isolatedVPC` in v0.31 charts).',
    ],
    docs: karpenterDocs('troubleshooting', 'stale-pricing-data-on-isolated-subnet'),
  },
  {
    id: 'pricing_api_unreachable',
    title: 'Pricing API unreachable',
    severity: 'warning',
    category: 'network',
    match: [
      {
        text: /(?:updating (?:on-demand|spot) pric|retrieving (?:on-demand|spot) pric|api\.pricing\.[a-z0-9-]+\.amazonaws\.com)[\s\S]*?(?:i\/o timeout|send request failed|connection refused|context deadline exceeded|TLS handshake timeout)/i,
      },
    ],
    what: 'Karpenter could not reach the Pricing API: the connection timed out or failed.',
    why: 'There is no VPC endpoint for the Pricing API, so a cluster without internet egress cannot reach it; Karpenter keeps using the prices built into it, which change only with upgrades. Launches continue.',
    actions: [
      'In an isolated VPC, turn the Pricing lookups off: `AWS_ISOLATED_VPC=true` (Helm `settings.isolatedVPC=true`; `settings.aws.isolatedVPC` in v0.31 charts).',
      'Otherwise allow HTTPS egress (NAT or proxy) to the Pricing endpoint.',
    ],
    docs: karpenterDocs('troubleshooting', 'stale-pricing-data-on-isolated-subnet'),
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
    docs: karpenterDocs('troubleshooting', 'pods-were-not-scheduled-but-karpenter-couldnt-discover-limits'),
  },
  {
    id: 'describe_instance_status_denied',
    title: 'Instance health checks off: ec2:DescribeInstanceStatus denied',
    severity: 'warning',
    category: 'iam',
    match: [{ text: /ec2:DescribeInstanceStatus permission is not allowed/ }],
    what: 'Karpenter’s instance-status controller may not call ec2:DescribeInstanceStatus, so it does not watch EC2 status checks of its nodes.',
    why: 'Unhealthy instances (failed system or instance status checks, scheduled events) are then not replaced by Karpenter; the rest works.',
    actions: [
      'Allow `ec2:DescribeInstanceStatus` to the controller role and restart the controller: `kubectl rollout restart -n karpenter deploy/karpenter`.',
    ],
    docs: karpenterDocs('concepts/disruption', 'interruption'),
  },
];
