/**
 * What a message means when no specific entry explains it: the part of Karpenter or NTH it comes from
 * (by its source file), what that part does when it fails, and where to look. Each explanation holds for
 * every message of its area, whatever the version; specific entries (the other files of this folder)
 * explain the messages a user acts on.
 */
import type { Category } from './types.js';

export interface Area {
  id: string;
  product: 'karpenter' | 'nth';
  /** Source files (and, for NTH's main file, message wording) of the area. */
  files: RegExp;
  text?: RegExp;
  category: Category;
  title: string;
  /** What failed; `{template}` is the message, `{versions}` the releases that print it. */
  what: string;
  /** What the controller does about it, true in every release. */
  why: string;
  actions: string[];
  docs: string;
}

const KARPENTER_DOCS = 'https://karpenter.sh/docs/troubleshooting/';
const NTH_DOCS = 'https://github.com/aws/aws-node-termination-handler#readme';
const RETRIED =
  'The controller returns the error to its framework, which logs it and reconciles the object again with exponential backoff; it repeats until the cause is gone.';

export const AREAS: readonly Area[] = [
  {
    id: 'karpenter.launch',
    product: 'karpenter',
    files:
      /^pkg\/(?:providers\/instance\/|providers\/capacityreservation|providers\/placementgroup|batcher\/createfleet|cloudprovider\/aws\/(?:instance|cloudprovider)\.go|cloudprovider\/(?:cloudprovider|types)\.go|controllers\/(?:nodeclaim|machine)\/lifecycle\/launch)/,
    category: 'capacity',
    title: 'Instance launch failed',
    what: 'Karpenter could not launch an instance for a node it decided to create: “{template}” (printed by {versions}).',
    why: 'An insufficient-capacity error makes Karpenter give up that node and solve again without the failed offerings; any other error is retried with backoff while the pods that need the node stay Pending.',
    actions: [
      'Read the text after the last wrapper in the example line: it is what EC2 (or the node class) refused, and the thing to fix.',
      'On v0.31 and later `kubectl describe nodeclaim <name>` shows the Launched condition with the reason and message (v0.28–v0.30: `kubectl describe machine`).',
    ],
    docs: 'https://karpenter.sh/docs/troubleshooting/#node-not-created',
  },
  {
    id: 'karpenter.nodeclass',
    product: 'karpenter',
    files:
      /^pkg\/(?:providers\/(?:subnet|securitygroup|amifamily|instanceprofile|launchtemplate|ssm)|controllers\/(?:nodeclass|nodetemplate)\/|cloudprovider\/amifamily|cloudprovider\/aws\/(?:subnets|securitygroups|ami|launchtemplate|amifamily|instanceprofile)|cloudprovider\/aws\/apis|apis\/v1\/ec2nodeclass\.go)/,
    category: 'configuration',
    title: 'Node class could not be resolved',
    what: 'Karpenter could not resolve part of a node class — subnets, security groups, AMIs, the instance profile, launch templates or user data: “{template}” (printed by {versions}).',
    why: 'Nothing can launch with a node class until it resolves; Karpenter resolves it again periodically and on every change, so the error repeats until the selector, IAM permission or setting it names is fixed.',
    actions: [
      'See what the node class resolved to and its conditions: `kubectl get ec2nodeclass -o yaml` (v0.32 and later; `kubectl get awsnodetemplate -o yaml` before).',
      'Check that the subnet, security-group and AMI selectors match tagged resources in this Region and account.',
    ],
    docs: 'https://karpenter.sh/docs/concepts/nodeclasses/',
  },
  {
    id: 'karpenter.scheduling',
    product: 'karpenter',
    files:
      /^pkg\/(?:controllers\/provisioning\/|controllers\/selection\/|scheduling\/|controllers\/provisioning\/binpacking)/,
    category: 'scheduling',
    title: 'Pods could not be scheduled',
    what: 'Karpenter’s provisioner could not place pending pods: “{template}” (printed by {versions}).',
    why: 'The provisioner batches pending pods, simulates scheduling them against every NodePool’s requirements, taints, limits and instance types, and creates nodes for what fits; pods it cannot place stay Pending and are tried again with the next batch.',
    actions: [
      'Compare the pod’s requests, node selectors, affinities and tolerations with the NodePools: `kubectl describe pod <pod>` and `kubectl get nodepools -o yaml` (`kubectl get provisioners -o yaml` before v0.32).',
    ],
    docs: 'https://karpenter.sh/docs/concepts/scheduling/',
  },
  {
    id: 'karpenter.disruption',
    product: 'karpenter',
    files:
      /^pkg\/controllers\/(?:disruption|deprovisioning|consolidation|drift|nodeclaim\/disruption|machine\/disruption|static\/deprovisioning|nodeclaim\/expiration)/,
    category: 'disruption',
    title: 'Disruption could not complete',
    what: 'Karpenter’s disruption controller (consolidation, drift, expiration) could not compute or carry out a decision: “{template}” (printed by {versions}).',
    why: 'The controller evaluates candidates again every few seconds; a command that fails is undone (replacements removed, taints lifted) and tried later. Nothing else waits on it, but nodes you expect to be consolidated or replaced stay until it succeeds.',
    actions: [
      'Look for what blocks the candidates: PodDisruptionBudgets (`kubectl get pdb -A`), pods with `karpenter.sh/do-not-disrupt` (`do-not-evict` before v0.32), and the NodePool’s disruption budgets.',
    ],
    docs: 'https://karpenter.sh/docs/concepts/disruption/',
  },
  {
    id: 'karpenter.termination',
    product: 'karpenter',
    files:
      /^pkg\/(?:controllers\/(?:node\/termination|termination|nodeclaim\/termination|machine\/termination|machine\/terminator)|utils\/termination)/,
    category: 'lifecycle',
    title: 'Node termination could not complete',
    what: 'Karpenter could not finish draining or deleting a node: “{template}” (printed by {versions}).',
    why: 'Karpenter taints the node, evicts its pods through the Eviction API (so PodDisruptionBudgets apply) and deletes the instance once the node is empty; it keeps retrying the evictions until then (in v1, until the NodePool’s terminationGracePeriod, if set, runs out).',
    actions: [
      'Find the pods that do not leave: `kubectl get pods -A --field-selector spec.nodeName=<node>` and the PDBs that cover them (`kubectl get pdb -A`).',
    ],
    docs: 'https://karpenter.sh/docs/concepts/disruption/#termination-controller',
  },
  {
    id: 'karpenter.interruption',
    product: 'karpenter',
    files: /^pkg\/(?:controllers\/interruption|providers\/sqs)/,
    category: 'interruption',
    title: 'Interruption queue could not be read or handled',
    what: 'Karpenter’s interruption controller failed on its SQS queue or on a message from it: “{template}” (printed by {versions}).',
    why: 'The controller polls the queue named by its interruption-queue setting and acts on Spot interruption warnings, scheduled changes and instance state changes; while it fails, Karpenter does not see interruptions coming and nodes go away with less warning.',
    actions: [
      'Check the setting holds the queue’s name (not its ARN or URL) and that the controller role may call sqs:GetQueueUrl, sqs:ReceiveMessage and sqs:DeleteMessage on it.',
    ],
    docs: 'https://karpenter.sh/docs/concepts/disruption/#interruption',
  },
  {
    id: 'karpenter.pricing',
    product: 'karpenter',
    files: /^pkg\/(?:providers\/pricing|controllers\/providers\/pricing|cloudprovider\/aws\/pricing)/,
    category: 'network',
    title: 'Prices could not be refreshed',
    what: 'Karpenter could not refresh On-Demand or Spot prices: “{template}” (printed by {versions}).',
    why: 'Karpenter goes on with the prices it has (at start-up, the static price list built into it) and tries again later; launches continue, but choices made by price (cheapest types, consolidation) use older prices.',
    actions: [
      'Allow pricing:GetProducts (On-Demand) and ec2:DescribeSpotPriceHistory (Spot) to the controller role, and egress to the Pricing API endpoint; in an isolated VPC turn the Pricing API off instead (`settings.isolatedVPC=true` in the Helm chart, v0.32 and later).',
    ],
    docs: 'https://karpenter.sh/docs/troubleshooting/#stale-pricing-data-on-isolated-subnet',
  },
  {
    id: 'karpenter.instancetypes',
    product: 'karpenter',
    files:
      /^pkg\/(?:providers\/instancetype|controllers\/providers\/instancetype|cloudprovider\/aws\/instancetype)/,
    category: 'api',
    title: 'Instance types could not be read',
    what: 'Karpenter could not list or build its instance types and their offerings: “{template}” (printed by {versions}).',
    why: 'Instance types and per-zone offerings come from EC2 (DescribeInstanceTypes, DescribeInstanceTypeOfferings) and are cached; without them the provisioner has nothing to launch, and it retries on its next refresh.',
    actions: [
      'Check that the controller role may call ec2:DescribeInstanceTypes and ec2:DescribeInstanceTypeOfferings, and that the EC2 endpoint is reachable.',
    ],
    docs: KARPENTER_DOCS,
  },
  {
    id: 'karpenter.state',
    product: 'karpenter',
    files: /^pkg\/(?:controllers\/state|state\/)/,
    category: 'controller',
    title: 'Cluster state out of sync',
    what: 'Karpenter’s in-memory view of nodes, NodeClaims and pods is incomplete or inconsistent: “{template}” (printed by {versions}).',
    why: 'Karpenter waits for this view to be in sync before it provisions or disrupts, and rebuilds it from the API server’s watches; a lasting error usually means a node or NodeClaim the controller cannot read or match.',
    actions: [
      'Check that every node Karpenter launched has a matching NodeClaim: `kubectl get nodeclaims,nodes -o wide`.',
    ],
    docs: KARPENTER_DOCS,
  },
  {
    id: 'karpenter.operator',
    product: 'karpenter',
    files:
      /^(?:cmd\/controller|pkg\/(?:operator\/|apis\/settings|apis\/config|config\/|controllers\/controllers\.go|utils\/options|context\/|providers\/version|controllers\/providers\/version))/,
    category: 'controller',
    title: 'Controller start-up or settings problem',
    what: 'Karpenter’s start-up, settings or connection checks failed: “{template}” (printed by {versions}).',
    why: 'A FATAL line stops the controller: the pod restarts and, while the cause stays, goes into CrashLoopBackOff with no provisioning or disruption. An ERROR or WARN at start-up leaves the controller running with that part missing.',
    actions: [
      'Read the previous container’s log and the pod events: `kubectl logs -n karpenter deploy/karpenter --previous` and `kubectl describe pod -n karpenter -l app.kubernetes.io/name=karpenter`.',
      'Compare the settings (Helm values, environment) with the settings reference of your version.',
    ],
    docs: 'https://karpenter.sh/docs/reference/settings/',
  },
  {
    id: 'karpenter.webhook',
    product: 'karpenter',
    files: /^(?:pkg\/webhooks\/|webhook\/|pkg\/webhook\/|pkg\/certwatcher\/)/,
    category: 'webhook',
    title: 'Webhook problem',
    what: 'Karpenter’s validation, defaulting or conversion webhook failed: “{template}” (printed by {versions}).',
    why: 'The API server calls these webhooks when Karpenter’s objects are created, changed or (conversion) read in another API version; while they fail, those requests fail and the controller may not see its objects.',
    actions: [
      'Check the webhook configurations point at the running Karpenter service with a valid CA bundle: `kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations -o wide | grep -i karpenter`.',
    ],
    docs: KARPENTER_DOCS,
  },
  {
    id: 'karpenter.validation',
    product: 'karpenter',
    files: /^pkg\/apis\//,
    category: 'configuration',
    title: 'Object failed validation',
    what: 'A Karpenter object (NodePool, EC2NodeClass, Provisioner, NodeClaim) or one of its requirements failed validation: “{template}” (printed by {versions}).',
    why: 'The webhook or the CRD’s validation rules reject the object, or the controller skips it; nothing launches from it until the field the message names is fixed.',
    actions: [
      'Fix the field the message names; `kubectl explain nodepool.spec --recursive` lists the valid fields of your CRDs.',
    ],
    docs: 'https://karpenter.sh/docs/concepts/nodepools/',
  },
  {
    id: 'karpenter.lifecycle',
    product: 'karpenter',
    files:
      /^pkg\/controllers\/(?:nodeclaim\/lifecycle|machine\/lifecycle|node\/(?!termination)|node\.go|machine\/controller|nodeclaim\/podevents)|^pkg\/controllers\/node\/controller\.go/,
    category: 'lifecycle',
    title: 'Node did not come up',
    what: 'A node Karpenter launched did not get through registration and initialization: “{template}” (printed by {versions}).',
    why: 'Karpenter waits for the node to join the cluster and become ready with its expected resources; a node that does not register within the registration timeout is deleted and, if the pods still need it, replaced.',
    actions: [
      'Check the instance’s system log and the kubelet log on it; common causes are a wrong user data or AMI, a security group that blocks the API server, or a node role missing from aws-auth / access entries.',
    ],
    docs: 'https://karpenter.sh/docs/troubleshooting/#nodes-not-initialized',
  },
  {
    id: 'karpenter.housekeeping',
    product: 'karpenter',
    files:
      /^pkg\/controllers\/(?:nodeclaim\/(?:garbagecollection|consistency|tagging|link|hydration|capacityreservation)|machine\/garbagecollection|machinehydration|inflightchecks|leasegarbagecollection|migration|nodeclass\/garbagecollection|counter|capacityreservation|arczonalshift)|^pkg\/providers\/(?:arczonalshift|instancestatus)/,
    category: 'controller',
    title: 'Background check failed',
    what: 'One of Karpenter’s background checks (garbage collection, consistency, tagging, capacity reservations, zonal shift) failed: “{template}” (printed by {versions}).',
    why: 'These controllers run periodically; a failure is retried on the next pass and does not block provisioning.',
    actions: [
      'Act only if it keeps repeating: it then usually names a missing IAM permission or an object the controller cannot read.',
    ],
    docs: KARPENTER_DOCS,
  },
  {
    id: 'karpenter.metrics',
    product: 'karpenter',
    files: /^pkg\/(?:controllers\/metrics|metrics\/)/,
    category: 'controller',
    title: 'Metrics could not be computed',
    what: 'Karpenter could not compute a metric: “{template}” (printed by {versions}).',
    why: 'Only that metric is affected; provisioning and disruption go on.',
    actions: ['Nothing to do unless dashboards depend on the metric.'],
    docs: 'https://karpenter.sh/docs/reference/metrics/',
  },
  {
    id: 'karpenter.nodepool',
    product: 'karpenter',
    files:
      /^pkg\/(?:controllers\/(?:nodepool|nodeoverlay|capacitybuffer|dynamicresources|static\/provisioning)|cloudprovider\/overlay)/,
    category: 'configuration',
    title: 'NodePool status problem',
    what: 'Karpenter could not work out a NodePool’s status (readiness, overlays, buffers): “{template}” (printed by {versions}).',
    why: 'A NodePool that is not ready is skipped by the provisioner, so its pods stay Pending until it is.',
    actions: [
      'See why: `kubectl get nodepools -o yaml` (status conditions) and the node class it references.',
    ],
    docs: 'https://karpenter.sh/docs/concepts/nodepools/',
  },
  {
    id: 'karpenter.batcher',
    product: 'karpenter',
    files: /^pkg\/batcher\//,
    category: 'api',
    title: 'Batched EC2 call failed',
    what: 'A batched EC2 call (DescribeInstances, TerminateInstances) failed: “{template}” (printed by {versions}).',
    why: 'Karpenter groups these calls and retries the requests that failed with the next batch.',
    actions: ['If it repeats, check the controller role’s EC2 permissions and API throttling in CloudTrail.'],
    docs: KARPENTER_DOCS,
  },
  {
    id: 'karpenter.framework',
    product: 'karpenter',
    files:
      /^(?:pkg\/(?:manager|cache|internal|builder|controller|source|healthz|leaderelection|client)|controller|injection|configmap|logging|leaderelection|changeset|reconciler|metrics|apis|kmeta|serrors|status|events|singleton|operator)/,
    category: 'controller',
    title: 'Controller framework error',
    what: 'The framework the controller is built on (controller-runtime, knative, operatorpkg) reported a problem: “{template}”.',
    why: `${RETRIED} Errors from caches and informers usually mean a resource the controller watches is missing (CRDs not installed, or older than the controller) or not allowed by its RBAC.`,
    actions: [
      'If it names a kind, check its CRD is installed at the version of the controller: `kubectl get crd | grep karpenter`.',
    ],
    docs: KARPENTER_DOCS,
  },
  {
    id: 'karpenter.other',
    product: 'karpenter',
    files: /^/,
    category: 'controller',
    title: 'Karpenter error',
    what: 'Karpenter logged: “{template}” (printed by {versions}).',
    why: RETRIED,
    actions: ['Act if it repeats; the source file of the message (Docs) shows when it is logged.'],
    docs: KARPENTER_DOCS,
  },
  // ── NTH ──
  {
    id: 'nth.drain',
    product: 'nth',
    files: /^(?:pkg\/(?:node|drainer|interruptionevent\/(?:draincordon|internal))\/|handler\.go)/,
    text: /cordon|drain|taint|label|evict|pod/i,
    category: 'nth',
    title: 'NTH could not cordon, drain or label a node',
    what: 'aws-node-termination-handler failed while preparing a node for an interruption (cordon, drain, taints or labels): “{template}” (NTH {versions}).',
    why: 'NTH retries the node action for the event; pods it could not evict keep running on a node that is going away.',
    actions: [
      'Check NTH’s RBAC (nodes get/patch, pods list, pods/eviction create) and the PodDisruptionBudgets of the node’s pods.',
    ],
    docs: NTH_DOCS,
  },
  {
    id: 'nth.imds',
    product: 'nth',
    files:
      /^pkg\/(?:ec2metadata|monitor\/(?:spotitn|scheduledevent|rebalancerecommendation)|drainevent|uptime)/,
    category: 'nth',
    title: 'NTH could not read instance metadata',
    what: 'aws-node-termination-handler (IMDS mode) failed to read or parse instance metadata: “{template}” (NTH {versions}).',
    why: 'In IMDS mode NTH polls the instance metadata service for interruption notices; while it fails, it does not see interruptions on that node.',
    actions: [
      'With IMDSv2 required, run NTH with `useHostNetwork: true` or raise the node’s `httpPutResponseHopLimit` to 2 (EC2NodeClass `metadataOptions`).',
    ],
    docs: NTH_DOCS,
  },
  {
    id: 'nth.queue',
    product: 'nth',
    files: /^pkg\/(?:monitor\/(?:sqsevent|asglifecycle)|interruptionevent\/asg|ec2helper)/,
    category: 'nth',
    title: 'NTH queue handling problem',
    what: 'aws-node-termination-handler (queue mode) failed on its SQS queue or on an event from it: “{template}” (NTH {versions}).',
    why: 'NTH leaves a message it could not handle on the queue, so it comes back after the visibility timeout; events for instances outside the cluster are dropped.',
    actions: [
      'Check `queueURL` and the NTH role’s permissions (sqs:ReceiveMessage, sqs:DeleteMessage, ec2:DescribeInstances, autoscaling:CompleteLifecycleAction, autoscaling:DescribeAutoScalingInstances, autoscaling:DescribeTags).',
    ],
    docs: NTH_DOCS,
  },
  {
    id: 'nth.config',
    product: 'nth',
    files: /^(?:pkg\/config\/|handler\.go)/,
    category: 'nth',
    title: 'NTH configuration problem',
    what: 'aws-node-termination-handler rejected or adjusted its configuration: “{template}” (NTH {versions}).',
    why: 'A FATAL line stops NTH (the pod restarts until the setting is fixed); a WARN names a deprecated or ignored setting.',
    actions: ['Fix the Helm value or environment variable the message names.'],
    docs: NTH_DOCS,
  },
  {
    id: 'nth.webhook',
    product: 'nth',
    files: /^pkg\/webhook\//,
    category: 'nth',
    title: 'NTH notification webhook failed',
    what: 'aws-node-termination-handler could not send its notification webhook: “{template}” (NTH {versions}).',
    why: 'Only the notification is lost; the node is still cordoned and drained.',
    actions: ['Check `webhookURL`, `webhookHeaders`, `webhookTemplate` and egress to the webhook endpoint.'],
    docs: NTH_DOCS,
  },
  {
    id: 'nth.observability',
    product: 'nth',
    files: /^pkg\/(?:observability|logging)\//,
    category: 'nth',
    title: 'NTH metrics, probes or events problem',
    what: 'aws-node-termination-handler could not serve metrics or probes, or emit an event: “{template}” (NTH {versions}).',
    why: 'Interruption handling goes on; only the metrics endpoint, health probe or Kubernetes event is affected.',
    actions: ['Check the Prometheus/probe port settings and NTH’s RBAC for events.'],
    docs: NTH_DOCS,
  },
  {
    id: 'nth.main',
    product: 'nth',
    files: /^/,
    category: 'nth',
    title: 'NTH error',
    what: 'aws-node-termination-handler logged: “{template}” (NTH {versions}).',
    why: 'A FATAL line stops NTH and the pod restarts; an ERROR or WARN affects the event being handled, which NTH retries or drops.',
    actions: [
      'Read the lines around it for the event it belongs to; `kubectl logs --previous` shows a run that stopped.',
    ],
    docs: NTH_DOCS,
  },
];
