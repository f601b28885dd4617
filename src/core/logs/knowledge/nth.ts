/**
 * aws-node-termination-handler: events, drains, evictions.
 */
import { DOCS } from './shared.js';
import type { KnowledgeEntry } from './types.js';

export const NTH_ENTRIES: KnowledgeEntry[] = [
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
    generic: true,
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
  {
    id: 'nth_imds_unreachable',
    title: 'NTH cannot read instance metadata (IMDS)',
    severity: 'error',
    category: 'nth',
    match: [
      {
        text: /Unable to fetch metadata from IMDS|Unable to retrieve an IMDSv2 token|Error getting response from instance metadata|Request to instance metadata failed|Unable to fetch instance identity document|169\.254\.169\.254[^\n]*(?:i\/o timeout|connection refused|context deadline exceeded)/,
      },
    ],
    what: 'aws-node-termination-handler (IMDS mode) could not reach the instance metadata service of its node, or got no IMDSv2 token.',
    why: 'In IMDS mode NTH learns about interruptions only from the metadata service; while it cannot reach it, the node gets no drain before a Spot interruption. IMDSv2 allows one network hop by default, so a pod that is not on the host network cannot get a token.',
    actions: [
      'Run the NTH DaemonSet on the host network (Helm `useHostNetwork: true`, the chart default) or raise the node’s IMDSv2 hop limit to 2 (EC2NodeClass `metadataOptions.httpPutResponseHopLimit: 2`).',
      'Make sure nothing blocks 169.254.169.254 for the NTH pod (iptables rules that restrict metadata access for pods).',
    ],
    docs: DOCS.nth,
  },
  {
    id: 'nth_aws_credentials',
    title: 'NTH has no usable AWS credentials or Region (queue mode)',
    severity: 'error',
    category: 'nth',
    match: [{ text: /Unable to get AWS credentials|Unable to find the AWS region to process queue events/ }],
    what: 'aws-node-termination-handler in queue mode stopped at start-up: it found no AWS credentials, or no Region for its queue.',
    why: 'Queue mode reads SQS and calls EC2 and Auto Scaling, so it needs an IAM role (IRSA or Pod Identity) and a Region; the pod restarts until both are there.',
    actions: [
      'Give the NTH service account an IAM role (Helm `serviceAccount.annotations."eks.amazonaws.com/role-arn"`) and set `awsRegion` (or AWS_REGION) to the queue’s Region.',
    ],
    docs: DOCS.nth,
  },
  {
    id: 'nth_node_not_found',
    title: 'NTH got an event for a node that is not in the cluster',
    severity: 'warning',
    category: 'nth',
    match: [
      {
        text: /node '[^']*' not found in the cluster|No instance found with instance-id|No reservation with instance-id/,
      },
    ],
    what: 'aws-node-termination-handler (queue mode) received an event for an instance that is not a node of this cluster.',
    why: 'The queue gets events for every instance its EventBridge rules match — other clusters, instances outside Kubernetes, nodes already gone. NTH cannot act on them; depending on `deleteSqsMsgIfNodeNotFound` the message is deleted or comes back.',
    actions: [
      'Narrow the EventBridge rules to this cluster’s instances, use one queue per cluster, or set `deleteSqsMsgIfNodeNotFound: true`.',
    ],
    docs: DOCS.nth,
  },
];
