/**
 * The knowledge base is data; each entry has a log line here that must be recognised as that entry, and a
 * new entry without a line fails the coverage test. Lines follow the templates of the Karpenter / NTH
 * release they name (real fixture lines are covered in fixtures.test.ts).
 */
import { describe, expect, it } from 'vitest';

import { explainLogs } from '../../../src/core/explain-logs/analyse.js';
import { KNOWLEDGE_BASE } from '../../../src/core/logs/knowledge/index.js';

const json = (fields: Record<string, unknown>): string =>
  JSON.stringify({ level: 'INFO', time: '2025-03-01T10:00:00.000Z', logger: 'controller', ...fields });
const fleet = (codes: string): string =>
  json({
    level: 'ERROR',
    message: 'failed launching nodeclaim',
    controller: 'nodeclaim.lifecycle',
    NodeClaim: { name: 'gpu-abcde' },
    error: `creating instance, insufficient capacity, with fleet error(s), ${codes}`,
  });
const reconcile = (error: string): string =>
  json({ level: 'ERROR', message: 'Reconciler error', controller: 'nodeclaim.lifecycle', error });
const interruption = (messageKind: string): string =>
  json({
    message: 'initiating delete from interruption message',
    controller: 'interruption',
    messageKind,
    action: 'CordonAndDrain',
  });
const disrupting = (reason: string, decision: string): string =>
  json({ message: 'disrupting node(s)', controller: 'disruption', reason, decision, command: '…' });

const LINES: Record<string, string> = {
  insufficient_instance_capacity: fleet(
    'InsufficientInstanceCapacity: We currently do not have sufficient g4dn.8xlarge capacity in the Availability Zone you requested (us-east-1a).',
  ),
  spot_quota_exceeded: fleet('MaxSpotInstanceCountExceeded: Max spot instance count exceeded'),
  vcpu_quota_exceeded: fleet(
    'VcpuLimitExceeded: You have requested more vCPU capacity than your current vCPU limit of 32 allows',
  ),
  create_fleet_zero_instances: `${fleet('InsufficientInstanceCapacity: no capacity')} (aws-error-code=UnfulfillableCapacity, aws-operation-name=CreateFleet, aws-request-id=1, aws-service-name=EC2, aws-status-code=200)`,
  unfulfillable_capacity: fleet(
    'UnfulfillableCapacity: Unable to fulfill capacity due to your request configuration.',
  ),
  unsupported_configuration: fleet('Unsupported: The requested configuration is currently not supported.'),
  subnet_out_of_ips: fleet(
    "InsufficientFreeAddressesInSubnet: There are not enough free addresses in subnet 'subnet-0123456789abcdef0'",
  ),
  reservation_capacity_exceeded: fleet(
    'ReservationCapacityExceeded: The requested reservation does not have sufficient compatible and available capacity',
  ),
  fleet_quota_exceeded: fleet('MaxFleetCountExceeded: You have reached the maximum number of fleets'),
  spot_max_price_too_low: reconcile(
    'launching nodeclaim, creating instance, with fleet error(s), SpotMaxPriceTooLow: Your Spot request price of 0.1 is lower than the minimum required Spot request fulfillment price of 0.2.',
  ),
  spot_service_linked_role_missing: fleet(
    'AuthFailure.ServiceLinkedRoleCreationNotPermitted: The provided credentials do not have permission to create the service-linked role for EC2 Spot Instances.',
  ),
  instance_profile_not_found: reconcile(
    'launching nodeclaim, creating instance, with fleet error(s), InvalidParameterValue: Invalid IAM Instance Profile name',
  ),
  iam_permission_denied: reconcile(
    'launching nodeclaim, creating instance, creating fleet request, operation error EC2: CreateFleet, https response error StatusCode: 403, RequestID: 1, api error UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws:sts::1:assumed-role/k/1 is not authorized to perform: ec2:CreateFleet',
  ),
  api_rate_limited: reconcile(
    'launching nodeclaim, creating instance, with fleet error(s), RequestLimitExceeded: Request limit exceeded.',
  ),
  sdk_retry_quota_exceeded: reconcile(
    'getting launch templates, operation error EC2: DescribeLaunchTemplates, failed to get rate limit token, retry quota exceeded, 0 available, 5 requested',
  ),
  launch_template_not_found: reconcile(
    'launching nodeclaim, creating instance, launch templates not found when creating fleet request, InvalidLaunchTemplateId.NotFound: The specified launch template, with template ID lt-0123, does not exist.',
  ),
  ami_not_found: reconcile(
    "launching nodeclaim, creating instance, with fleet error(s), InvalidAMIID.NotFound: The image id '[ami-0123]' does not exist",
  ),
  user_data_too_large: reconcile(
    'launching nodeclaim, creating instance, with fleet error(s), InvalidUserData.Malformed: User data is limited to 16384 bytes',
  ),
  create_fleet_request_too_large: reconcile(
    'launching nodeclaim, creating instance, creating fleet InvalidInput: The request failed because the payload for the body of the request is too large.',
  ),
  invalid_block_device_mapping: reconcile(
    'launching nodeclaim, creating instance, with fleet error(s), InvalidBlockDeviceMapping: Invalid device name /dev/xvda',
  ),
  invalid_fleet_configuration: reconcile(
    'launching nodeclaim, creating instance, with fleet error(s), InvalidFleetConfiguration: Your requested instance type (c5.large) is not supported in your requested Availability Zone (us-west-2-lax-1a).',
  ),
  invalid_parameter: reconcile(
    'launching nodeclaim, creating instance, with fleet error(s), InvalidParameterCombination: Network interfaces and an instance-level security groups may not be specified on the same request',
  ),
  account_pending_verification: reconcile(
    'launching nodeclaim, creating instance, with fleet error(s), PendingVerification: Your request for accessing resources in this region is being validated',
  ),
  aws_internal_error: reconcile(
    'launching nodeclaim, creating instance, with fleet error(s), InternalError: An internal error has occurred',
  ),
  interruption_queue_not_found: json({
    level: 'ERROR',
    message: 'Reconciler error',
    controller: 'interruption',
    error:
      'getting messages from queue, AWS.SimpleQueueService.NonExistentQueue: The specified queue does not exist.',
  }),
  all_instance_types_unavailable: json({
    level: 'ERROR',
    message: 'failed launching nodeclaim',
    error: 'insufficient capacity, all requested instance types were unavailable during launch',
  }),
  od_fallback_flexibility_warning: json({
    level: 'WARN',
    message:
      'at least 5 instance types are recommended when flexible to spot but requesting on-demand, the current provisioning request only has 2 instance type options',
  }),
  too_few_instances_returned: reconcile('launching nodeclaim, creating instance, too few instances returned'),
  spread_placement_group_limit: fleet(
    'InsufficientInstanceCapacity: You have reached the limit of instances in this spread placement group.',
  ),
  offering_marked_unavailable: json({
    level: 'DEBUG',
    message: 'removing offering from offerings',
    reason: 'InsufficientInstanceCapacity',
    'instance-type': 'g4dn.8xlarge',
    zone: 'us-east-1a',
    'capacity-type': 'spot',
    ttl: '3m0s',
  }),
  could_not_schedule_pod: json({
    level: 'ERROR',
    message: 'could not schedule pod',
    Pod: { name: 'p', namespace: 'd' },
    error: 'all available instance types exceed limits for nodepool "gpu"',
  }),
  incompatible_with_nodepool:
    '2023-05-01T10:00:00.000Z\tERROR\tcontroller.provisioner\tCould not schedule pod, incompatible with provisioner "default", no instance type satisfied resources {"cpu":"9"}\t{"commit": "abc"}',
  taint_not_tolerated:
    '2023-05-01T10:00:00.000Z\tERROR\tcontroller.provisioner\tCould not schedule pod, incompatible with provisioner "gpu", did not tolerate nvidia.com/gpu=true:NoSchedule\t{"commit": "abc"}',
  no_instance_type_satisfied: json({
    level: 'ERROR',
    message: 'could not schedule pod',
    error:
      'incompatible with nodepool "default", daemonset overhead={"cpu":"150m"}, no instance type met the scheduling requirements or had enough resources',
  }),
  incompatible_requirements: json({
    level: 'ERROR',
    message: 'could not schedule pod',
    error:
      'incompatible with nodepool "default", incompatible requirements, label "team" does not have known values',
  }),
  nodepool_limits_exceeded: json({
    level: 'ERROR',
    message: 'could not schedule pod',
    error: 'all available instance types exceed limits for nodepool "default"',
  }),
  subnet_discovery_failed: json({ level: 'ERROR', message: 'Reconciler error', error: 'no subnets found' }),
  security_group_discovery_failed: json({
    level: 'ERROR',
    message: 'Reconciler error',
    error: 'no security groups exist given constraints',
  }),
  ami_discovery_failed: json({
    level: 'ERROR',
    message: 'Reconciler error',
    error: 'getting amis, failed to discover AMIs for alias "al2023@v1"',
  }),
  instance_profile_creation_failed: json({
    level: 'ERROR',
    message: 'Reconciler error',
    error: 'creating instance profile, AccessDenied: not authorized to perform: iam:CreateInstanceProfile',
  }),
  nodeclass_not_found: json({
    level: 'ERROR',
    message: 'Reconciler error',
    error: 'EC2NodeClass.karpenter.k8s.aws "gpu" not found',
  }),
  nodeclass_not_ready: json({
    level: 'ERROR',
    message: 'failed launching nodeclaim',
    error: 'resolving node class, NodeClassNotReady',
  }),
  private_dns_name_not_set:
    '2022-01-09T11:06:54.813Z\tERROR\tcontroller.provisioning\tCould not launch node, launching instances, got instance i-1 but PrivateDnsName was not set\t{"commit": "7e79a67"}',
  pricing_api_unreachable:
    '2022-08-17T00:19:52.000Z\tERROR\tcontroller.aws.pricing\tupdating spot pricing, RequestError: send request failed\t{"commit": "4b5f953"}',
  intree_storage_plugin_unsupported: json({
    level: 'ERROR',
    message:
      'StorageClass .spec.provisioner uses an in-tree storage plugin which is unsupported by Karpenter',
  }),
  webhook_certificate_error: json({
    level: 'ERROR',
    logger: 'webhook',
    message: 'http: TLS handshake error from 10.0.0.1:1234: remote error: tls: bad certificate',
  }),
  webhook_tls_error: json({
    level: 'ERROR',
    logger: 'webhook',
    message: 'http: TLS handshake error from 10.0.0.1:1234: EOF',
  }),
  leader_election_lost: json({ level: 'ERROR', message: 'leader election lost' }),
  controller_startup: json({ message: 'Starting workers', controller: 'nodeclaim.lifecycle' }),
  spot_interruption: interruption('spot_interrupted'),
  rebalance_recommendation_drain:
    '2022/04/12 07:03:14 INF Requesting instance drain event-id=rebalance-recommendation-1 instance-id= kind=REBALANCE_RECOMMENDATION node-name=ip-1-2-3-4.ec2.internal',
  rebalance_recommendation: interruption('rebalance_recommendation'),
  scheduled_event: interruption('scheduled_change'),
  instance_state_change: interruption('instance_terminated'),
  capacity_reservation_interrupted: interruption('capacity_reservation_interrupted'),
  interruption_delete: interruption('instance_stopped'),
  asg_lifecycle_termination:
    '2024/06/11 19:51:13 INF Requesting instance drain event-id=asg-1 instance-id=i-1 kind=ASG_LIFECYCLE node-name=n1',
  sqs_terminate_event:
    '2023/01/20 22:28:00 INF Requesting instance drain event-id=e1 instance-id=i-1 kind=SQS_TERMINATE node-name=n1',
  nth_drain_started: '2023/01/20 22:28:00 INF Draining the node',
  nth_cordon_drain:
    '2023/01/20 22:28:02 INF Node successfully cordoned and drained node_name=n1 reason="Spot ITN received. Instance will be interrupted at 2023-01-20T22:30:00Z \\n"',
  nth_drain_failed:
    '2021/12/07 08:02:20 ERR There was a problem while trying to cordon and drain the node error="timeout"',
  pdb_eviction_timeout:
    '2021/12/07 08:02:20 ERR There was a problem while trying to cordon and drain the node error="Cannot evict pod as it would violate the pod\'s disruption budget."',
  nth_pod_eviction: '2023/06/19 06:06:37 ??? evicting pod default/web-1',
  nth_event_dropped_instance_terminated:
    "2024/06/11 19:51:52 WRN dropping event error=\"node: 'i-1' in state 'terminated'\"",
  nth_event_parse_error:
    '{"time":"2020-12-10T01:50:29Z","message":"Unable to parse scheduled event end time, continuing"}',
  consolidation_delete: disrupting('underutilized', 'delete'),
  consolidation_replace: disrupting('underutilized', 'replace'),
  drift_delete: disrupting('drifted', 'delete'),
  drift_replace: json({
    message:
      'disrupting via drift replace, terminating 1 candidates ip-1/m5.large/spot and replacing with spot node from types m5.large',
    logger: 'controller.disruption',
  }),
  emptiness_delete: disrupting('empty', 'delete'),
  expiration_delete:
    '2023-03-01T10:00:00.000Z\tINFO\tcontroller.deprovisioning\tdeprovisioning via expiration delete, terminating 1 machines ip-1/m5.large/spot\t{"commit": "1"}',
  expiration_replace:
    '2023-03-01T10:00:00.000Z\tINFO\tcontroller.deprovisioning\tdeprovisioning via expiration replace, terminating 1 machines ip-1/m5.large/spot\t{"commit": "1"}',
  node_disruption_taint: json({ message: 'tainted node', Node: { name: 'ip-1' } }),
  node_deleted: json({ message: 'deleted node', Node: { name: 'ip-1' } }),
  nodeclaim_launched: json({
    message: 'launched nodeclaim',
    NodeClaim: { name: 'default-abcde' },
    'instance-type': 'm5.large',
    zone: 'us-east-1a',
    'capacity-type': 'spot',
  }),
  nodeclaim_created: json({
    message: 'created nodeclaim',
    NodePool: { name: 'default' },
    'instance-types': 'm5.large, m5.xlarge',
  }),
  nodeclaim_registered: json({ message: 'registered nodeclaim', NodeClaim: { name: 'default-abcde' } }),
  aws_credentials_sts_unreachable:
    '2023-02-01T10:00:00.000Z\tERROR\tcontroller\tChecking EC2 API connectivity, WebIdentityErr: failed to retrieve credentials\ncaused by: RequestError: send request failed\ncaused by: Post "https://sts.us-east-1.amazonaws.com/": dial tcp: lookup sts.us-east-1.amazonaws.com: i/o timeout\t{"commit": "4b5f953"}',
  aws_credentials_web_identity_denied: reconcile(
    'fetching instance types using ec2.DescribeInstanceTypes, WebIdentityErr: failed to retrieve credentials\ncaused by: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity\n\tstatus code: 403, request id: a88c1c3c',
  ),
  aws_credentials_missing: json({
    level: 'ERROR',
    message: 'ec2 api connectivity check failed',
    error:
      'operation error EC2: DescribeInstanceTypes, get identity: get credentials: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, request canceled, context deadline exceeded',
  }),
  aws_credentials_expired: reconcile(
    'getting subnets, operation error EC2: DescribeSubnets, https response error StatusCode: 400, RequestID: 1, api error RequestExpired: Request has expired.',
  ),
  aws_endpoint_unreachable: reconcile(
    'getting ssm parameter "/aws/service/eks/optimized-ami/1.29/amazon-linux-2023/x86_64/standard/recommended/image_id", operation error SSM: GetParameter, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "https://ssm.us-east-1.amazonaws.com/": dial tcp 10.0.0.10:443: i/o timeout',
  ),
  cluster_endpoint_undetected: json({
    level: 'ERROR',
    message:
      'unable to detect the cluster endpoint, failed to resolve cluster endpoint, RequestError: send request failed\ncaused by: Get "https://eks.us-west-2.amazonaws.com/clusters/demo": dial tcp 54.188.62.0:443: i/o timeout',
  }),
  crd_missing: json({
    level: 'ERROR',
    message: 'if kind is a CRD, it should be installed before calling Start',
    logger: 'controller',
    error: 'no matches for kind "NodeClaim" in version "karpenter.sh/v1"',
  }),
  crd_outdated: json({
    level: 'INFO',
    message: "failed to migrate CRD, expected storage version to be v1 (make sure you've upgraded your CRDs)",
  }),
  kubernetes_version_incompatible: json({
    level: 'ERROR',
    message: 'failed validating kubernetes version',
    error: 'karpenter version is not compatible with K8s version 1.31',
  }),
  go_panic: [
    'panic: runtime error: invalid memory address or nil pointer dereference',
    '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x1b3a4f6]',
    '',
    'goroutine 412 [running]:',
    'github.com/aws/karpenter-provider-aws/pkg/providers/instance.(*DefaultProvider).Create(0xc000a1c000, {0x2e6b0a8, 0xc0013e2a50})',
    '\t/go/src/github.com/aws/karpenter-provider-aws/pkg/providers/instance/instance.go:118 +0x1f4',
  ].join('\n'),
  al2_alias_unsupported: reconcile(
    'AL2 aliases are no longer supported on EKS 1.33+ (see https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions-standard.html#kubernetes-1-33)',
  ),
  instance_profile_unresolved: reconcile(
    'launching nodeclaim, creating instance, getting launch template configs, getting launch templates, neither spec.instanceProfile or spec.role is specified',
  ),
  nodepool_not_ready: json({
    level: 'ERROR',
    message: 'ignoring nodepool, not ready',
    NodePool: { name: 'default' },
    error: 'NodePool default not ready',
  }),
  pricing_access_denied: json({
    level: 'ERROR',
    logger: 'controller.pricing',
    message:
      'updating on-demand pricing, AccessDeniedException: User: arn:aws:sts::1:assumed-role/k/1 is not authorized to perform: pricing:GetProducts, using existing pricing data from 2024-01-01T00:00:00Z',
  }),
  pricing_endpoint_missing:
    '2023-02-01T10:00:00.000Z\tERROR\tcontroller.aws.pricing\tupdating spot pricing, RequestError: send request failed\ncaused by: Post "https://api.pricing.cn-north-1.amazonaws.com.cn/": dial tcp: lookup api.pricing.cn-north-1.amazonaws.com.cn on 172.20.0.10:53: no such host, using existing pricing data from 2023-01-01T00:00:00Z\t{"commit": "1"}',
  nth_imds_unreachable:
    '{"level":"error","error":"Metadata request received http status code: 503","time":"2023-11-01T20:45:08Z","message":"Unable to fetch metadata from IMDS"}',
  nth_aws_credentials:
    '2023/01/20 22:28:00 FTL Unable to get AWS credentials error="NoCredentialProviders: no valid providers in chain"',
  nth_node_not_found:
    '2023/01/20 22:28:00 ERR node \'ip-10-0-1-2.ec2.internal\' not found in the cluster error="nodes \\"ip-10-0-1-2.ec2.internal\\" not found"',
  describe_instance_status_denied: json({
    level: 'ERROR',
    message:
      'ec2:DescribeInstanceStatus permission is not allowed, update the IAM policy and restart the Karpenter deployment to enable instance status',
    error: 'UnauthorizedOperation: You are not authorized to perform this operation.',
  }),
};

const explain = (text: string) => explainLogs([{ name: 'test', chunks: [Buffer.from(text)] }]);

describe('knowledge base', () => {
  it('has a test line for every entry', () => {
    expect(Object.keys(LINES).sort()).toEqual(KNOWLEDGE_BASE.map((e) => e.id).sort());
  });

  it.each(Object.entries(LINES))('recognises %s', async (id, line) => {
    const result = await explain(`${line}\n`);
    expect(result.problems.map((p) => p.id)).toContain(id);
  });

  it('has unique ids, an https docs link, what/why text and, for problems, actions', () => {
    expect(new Set(KNOWLEDGE_BASE.map((e) => e.id)).size).toBe(KNOWLEDGE_BASE.length);
    for (const entry of KNOWLEDGE_BASE) {
      expect(entry.docs, entry.id).toMatch(/^https:\/\//);
      expect(entry.what.length, entry.id).toBeGreaterThan(10);
      expect(entry.why.length, entry.id).toBeGreaterThan(10);
      if (entry.severity !== 'info') expect(entry.actions.length, entry.id).toBeGreaterThan(0);
    }
  });

  it('covers every EC2 Fleet code Karpenter treats as unavailable capacity, with the cache flag', () => {
    const ice = [
      'InsufficientInstanceCapacity',
      'MaxSpotInstanceCountExceeded',
      'VcpuLimitExceeded',
      'UnfulfillableCapacity',
      'Unsupported',
      'InsufficientFreeAddressesInSubnet',
      'ReservationCapacityExceeded',
      'MaxFleetCountExceeded',
    ];
    for (const code of ice) {
      const entry = KNOWLEDGE_BASE.find((e) => e.match.some((r) => r.codes?.includes(code) && !r.stamped));
      expect(entry?.blocksOffering, code).toBe(true);
    }
    const notCached = [
      'SpotMaxPriceTooLow',
      'InvalidParameterValue',
      'InvalidBlockDeviceMapping',
      'UnauthorizedOperation',
    ];
    for (const code of notCached) {
      const entry = KNOWLEDGE_BASE.find((e) => e.match.some((r) => r.codes?.includes(code)));
      expect(entry?.blocksOffering, code).toBeFalsy();
    }
  });
});

describe('actions are concrete', () => {
  it('gives the G and VT Spot quota code and the Region for a g5 Spot quota error', async () => {
    const line = json({
      level: 'ERROR',
      message: 'failed launching nodeclaim',
      NodeClaim: { name: 'gpu-abcde' },
      error:
        'creating instance, insufficient capacity, with fleet error(s), MaxSpotInstanceCountExceeded: Max spot instance count exceeded',
      'instance-type': 'g5.4xlarge',
      zone: 'us-west-2b',
    });
    const [problem] = (await explain(line)).problems;
    expect(problem?.actions).toContain(
      'Request a higher Spot quota (L-3819A6DF “All G and VT Spot Instance Requests”): `aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-3819A6DF --desired-value <vCPUs> --region us-west-2`',
    );
    expect(problem?.actions.join('\n')).toContain('spotctl suggest --types g5.4xlarge --region us-west-2');
    expect(problem?.affected).toMatchObject({
      capacityTypes: ['spot'],
      nodePools: ['gpu'],
      zones: ['us-west-2b'],
    });
  });

  it('repeats a quota action once per quota bucket', async () => {
    const lines = [
      fleet('MaxSpotInstanceCountExceeded: Max spot instance count exceeded').replace(
        '"gpu-abcde"',
        '"a-abcde"',
      ),
      json({
        level: 'ERROR',
        message: 'failed launching nodeclaim',
        'instance-type': 'm5.large',
        error:
          'insufficient capacity, with fleet error(s), MaxSpotInstanceCountExceeded: Max spot instance count exceeded',
      }),
      json({
        level: 'ERROR',
        message: 'failed launching nodeclaim',
        'instance-type': 'g5.xlarge',
        error:
          'insufficient capacity, with fleet error(s), MaxSpotInstanceCountExceeded: Max spot instance count exceeded',
      }),
    ];
    const [problem] = (await explain(lines.join('\n'))).problems;
    const requests = problem!.actions.filter((a) => a.includes('request-service-quota-increase'));
    expect(requests.map((a) => /--quota-code (\S+)/.exec(a)?.[1])).toEqual(['L-34B43A08', 'L-3819A6DF']);
    expect(problem!.count).toBe(3);
  });

  it('tells how to create the Spot service-linked role', async () => {
    const result = await explain(LINES.spot_service_linked_role_missing!);
    const slr = result.problems.find((p) => p.id === 'spot_service_linked_role_missing')!;
    expect(slr.actions[0]).toContain(
      'aws iam create-service-linked-role --aws-service-name spot.amazonaws.com',
    );
    // v1.5+: the whole Spot capacity type is blocked for the TTL.
    expect(result.blockedOfferings).toEqual([expect.objectContaining({ key: 'spot:*:*', ttlSeconds: 180 })]);
  });

  it('names the denied IAM action', async () => {
    const result = await explain(LINES.iam_permission_denied!);
    const iam = result.problems.find((p) => p.id === 'iam_permission_denied')!;
    expect(iam.codes).toEqual(['UnauthorizedOperation']);
    expect(iam.actions[0]).toContain('Allow ec2:CreateFleet');
  });
});
