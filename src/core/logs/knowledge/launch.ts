/**
 * Launch errors that are not unavailable capacity: IAM, API limits, launch templates, AMIs, parameters.
 */
import { DOCS, karpenterDocs, NOT_CACHED, providerSource } from './shared.js';
import type { KnowledgeEntry } from './types.js';

export const LAUNCH_ERROR_ENTRIES: KnowledgeEntry[] = [
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
        text: 'Up to v0.9.0 the debug line of a cached offering printed "InsufficientInstanceCapacity for offering …" whatever the fleet error code was, so this code may appear under that name.',
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
    // Whole-Spot blocking on this code exists since v1.5.0 only.
    blocksCapacityType: { capacityType: 'spot', from: '1.5.0' },
    title: 'Spot service-linked role missing (AuthFailure.ServiceLinkedRoleCreationNotPermitted)',
    severity: 'error',
    category: 'iam',
    timeline: 'failure',
    capacityType: 'spot',
    match: [{ codes: ['AuthFailure.ServiceLinkedRoleCreationNotPermitted'] }],
    what: 'The account has no AWSServiceRoleForEC2Spot role, and the Karpenter controller may not create it.',
    why: 'Every Spot launch fails until the role exists; On-Demand launches are not affected.',
    causes: [
      'unfulfillable_capacity',
      'all_instance_types_unavailable',
      'insufficient_instance_capacity',
      'create_fleet_zero_instances',
      'od_fallback_flexibility_warning',
    ],
    versions: [
      {
        until: '1.4.99',
        text: 'Up to v1.4 it is a plain launch failure, retried with backoff: NodePools do not fall back to On-Demand because of it.',
      },
      {
        from: '1.5.0',
        text: 'From v1.5.0 Karpenter marks the whole Spot capacity type unavailable for {ttl} and publishes a SpotServiceLinkedRoleCreationFailure event, so NodePools that allow On-Demand fall back and Spot-only NodePools launch nothing.',
      },
    ],
    actions: [
      'Create the role once per account: `aws iam create-service-linked-role --aws-service-name spot.amazonaws.com` ("has been taken" means it already exists).',
      'Or allow the controller role `iam:CreateServiceLinkedRole` with condition `iam:AWSServiceName = spot.amazonaws.com`.',
    ],
    docs: karpenterDocs('troubleshooting', 'missing-service-linked-role'),
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
    what: 'The instance profile named in the launch does not exist (yet), or was deleted — a configuration problem, not a shortage of capacity.',
    why: 'Every launch with that node class fails the same way, so capacity errors logged next to it (UnfulfillableCapacity, no offering left) follow from it. Right after Karpenter creates an instance profile, IAM may not have propagated it yet.',
    causes: [
      'unfulfillable_capacity',
      'insufficient_instance_capacity',
      'all_instance_types_unavailable',
      'create_fleet_zero_instances',
      'invalid_parameter',
    ],
    versions: [
      { until: '1.3.0', text: 'Up to v1.3.0 it is a plain launch failure, retried with backoff.' },
      {
        from: '1.3.1',
        text: 'From v1.3.1 Karpenter recognises it as IAM eventual consistency after it created the profile, and retries.',
      },
    ],
    actions: [
      'Check it exists: `aws iam get-instance-profile --instance-profile-name <name>`',
      'With EC2NodeClass `role`, Karpenter manages the profile: the controller needs iam:CreateInstanceProfile, iam:AddRoleToInstanceProfile, iam:TagInstanceProfile, iam:GetInstanceProfile and iam:PassRole on the node role.',
    ],
    docs: karpenterDocs('concepts/nodeclasses', 'specinstanceprofile'),
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
    why: `${NOT_CACHED} This is a permission of a role that works — not a credential problem. Usual causes: the controller policy lacks iam:PassRole on the node role, a condition on ec2:CreateFleet/RunInstances/CreateTags does not match (a policy that requires a cluster tag on the launched resources — as the Terraform IRSA module's does — needs the NodePool/EC2NodeClass to set exactly that tag; or the Region), or an SCP or permissions boundary denies it (the message then says "explicit deny").`,
    actions: [
      'Allow {iamActions} for the controller role (for iam:PassRole: on {iamRoles}); compare with the policy in Karpenter’s CloudFormation reference for your version.',
      'Decode an encoded failure message: `aws sts decode-authorization-message --encoded-message <message> --query DecodedMessage --output text`',
      'Check SCPs and permissions boundaries if the policy already allows it.',
    ],
    docs: providerSource('pkg/errors/errors.go'),
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
    why: 'Karpenter retries with backoff, so launches are delayed rather than lost; persistent throttling slows every scale-up.',
    versions: [
      {
        from: '1.3.3',
        text: 'From v1.3.3 the EC2NodeClass validation backs off on RequestLimitExceeded instead of reporting the node class as failed.',
      },
    ],
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
        from: '0.13.0',
        text: 'From v0.13.0 Karpenter drops a missing template from its cache and creates it again on a later launch.',
      },
      {
        from: '1.3.0',
        text: 'From v1.3.0 it also retries the launch once at once ("launch templates not found when creating fleet request").',
      },
    ],
    actions: [
      'Do not delete Karpenter-managed launch templates; make sure no two Karpenter installs share a cluster name.',
      'Before v0.13, restart the controller to drop the cache: `kubectl rollout restart -n karpenter deploy/karpenter`',
      'If you reference your own template (v1alpha5 `launchTemplate`), check it: `aws ec2 describe-launch-templates --launch-template-names <name>{regionFlag}`',
    ],
    docs: karpenterDocs('troubleshooting', 'node-not-created'),
  },
  {
    id: 'ami_not_found',
    title: 'AMI not found or not usable',
    severity: 'error',
    category: 'configuration',
    timeline: 'failure',
    match: [{ codes: ['InvalidAMIID.NotFound', 'InvalidAMIID.Malformed', 'InvalidAMIID.Unavailable'] }],
    what: 'The AMI in the launch does not exist in this Region, is not shared with the account, or was deregistered.',
    why: `${NOT_CACHED} Every launch with that AMI fails the same way until the node class selects another.`,
    actions: [
      'Check the EC2NodeClass `amiSelectorTerms` resolve to AMIs in {region}: `kubectl get ec2nodeclass -o yaml` (status.amis).',
      'Check the image: `aws ec2 describe-images --image-ids <ami-id>{regionFlag}`',
    ],
    docs: karpenterDocs('concepts/nodeclasses', 'specamiselectorterms'),
  },
  {
    id: 'user_data_too_large',
    title: 'User data too large',
    severity: 'error',
    category: 'configuration',
    timeline: 'failure',
    match: [{ codes: ['InvalidUserData.Malformed'], codeMessage: /User data is limited/i }],
    what: 'The node user data exceeds EC2’s 16 KB limit.',
    why: `${NOT_CACHED} The node class renders the same user data for every launch, so each one fails.`,
    versions: [
      {
        from: '1.14.1',
        text: 'From v1.14.1 the NodeClaim’s Launched condition gives the reason UserDataSizeLimitExceeded.',
      },
    ],
    actions: ['Shrink the EC2NodeClass `userData` (move scripts to an S3 download or a custom AMI).'],
    docs: karpenterDocs('concepts/nodeclasses', 'specuserdata'),
  },
  {
    id: 'create_fleet_request_too_large',
    title: 'CreateFleet request too large (InvalidInput)',
    severity: 'error',
    category: 'configuration',
    timeline: 'failure',
    match: [{ codes: ['InvalidInput'], codeMessage: /too large/i }],
    what: 'The CreateFleet request body was too large for the API — too many overrides (instance types × subnets) or very large user data.',
    why: `${NOT_CACHED} The same request is rebuilt for every launch of that NodePool.`,
    actions: [
      'Reduce the overrides: fewer subnets per zone in `subnetSelectorTerms`, or narrower instance-type requirements.',
      'Shrink the EC2NodeClass `userData`.',
    ],
    docs: karpenterDocs('concepts/nodeclasses', 'specsubnetselectorterms'),
  },
  {
    id: 'invalid_block_device_mapping',
    title: 'Invalid block device mapping',
    severity: 'error',
    category: 'configuration',
    timeline: 'failure',
    match: [{ codes: ['InvalidBlockDeviceMapping'] }],
    what: 'The `blockDeviceMappings` in the EC2NodeClass (or launch template) do not fit the AMI, e.g. a device name the AMI does not use as its root device.',
    why: `${NOT_CACHED} The mappings come from the node class, so every launch with it fails.`,
    actions: [
      'Set `blockDeviceMappings[].deviceName` to the AMI’s devices: `aws ec2 describe-images --image-ids <ami-id> --query "Images[].[RootDeviceName,BlockDeviceMappings]"{regionFlag}` (AL2/AL2023 use /dev/xvda; Bottlerocket /dev/xvda for the OS and /dev/xvdb for data).',
    ],
    docs: karpenterDocs('troubleshooting', 'node-not-created'),
  },
  {
    id: 'invalid_fleet_configuration',
    title: 'Invalid fleet configuration',
    severity: 'error',
    category: 'configuration',
    timeline: 'failure',
    match: [{ codes: ['InvalidFleetConfiguration'] }],
    what: 'EC2 rejected the fleet’s overrides, e.g. a Local Zone subnet where the instance type is not offered.',
    why: `${NOT_CACHED} The overrides come from the node class’s subnets and the NodePool’s types, so every launch with them fails.`,
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
    why: 'Nothing launches until verification completes; Karpenter retries with backoff.',
    versions: [
      {
        from: '1.2.0',
        text: 'From v1.2.0 the NodeClaim’s Launched condition gives the reason AccountPendingVerification.',
      },
    ],
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
      {
        from: '0.19.0',
        until: '0.31.99',
        text: 'v0.19–v0.31 name the queue in `aws.interruptionQueueName` (Helm `settings.aws.interruptionQueueName`).',
      },
      {
        from: '0.32.0',
        text: 'From v0.32 the queue is named by `settings.interruptionQueue` (Helm; flag `--interruption-queue`, env INTERRUPTION_QUEUE).',
      },
    ],
    actions: [
      'Set the queue NAME (not its ARN or URL) and make sure it exists in {region}: `aws sqs get-queue-url --queue-name <name>{regionFlag}`',
      'Create the queue and its EventBridge rules from Karpenter’s CloudFormation template; use one queue per cluster.',
    ],
    docs: karpenterDocs('concepts/disruption', 'interruption'),
  },
];
