/**
 * Discovery and configuration: subnets, security groups, AMIs, instance profiles, node classes, pricing.
 */
import { DOCS } from './shared.js';
import type { KnowledgeEntry } from './types.js';

export const CONFIGURATION_ENTRIES: KnowledgeEntry[] = [
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
];
