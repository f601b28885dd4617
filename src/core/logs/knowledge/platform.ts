/**
 * The controller and its platform: its own AWS credentials, the endpoints it must reach, the CRDs it
 * serves, its Kubernetes version, leader election and crashes. These are told apart because they look
 * alike in a log and have different fixes: a credential chain that fails is not a missing permission, an
 * unreachable endpoint is not a denied call, a missing CRD is not a NodePool that is not ready, and
 * losing the leader lease is not a crash.
 */
import { karpenterDocs, providerSource } from './shared.js';
import type { KnowledgeEntry } from './types.js';

const TROUBLESHOOTING = karpenterDocs('troubleshooting');
/** Everything that needs AWS fails while the controller has no usable credentials. */
const AWS_EFFECTS = [
  'area:karpenter.launch',
  'area:karpenter.nodeclass',
  'area:karpenter.pricing',
  'area:karpenter.instancetypes',
  'area:karpenter.interruption',
  'pricing_api_unreachable',
  'pricing_access_denied',
  'aws_endpoint_unreachable',
  'subnet_discovery_failed',
  'security_group_discovery_failed',
  'ami_discovery_failed',
  'nodeclass_not_ready',
  'interruption_queue_not_found',
  'iam_permission_denied',
];

export const PLATFORM_ENTRIES: KnowledgeEntry[] = [
  {
    id: 'aws_credentials_sts_unreachable',
    product: 'karpenter',
    title: 'Controller cannot reach STS for its credentials',
    severity: 'error',
    category: 'network',
    causes: AWS_EFFECTS,
    match: [
      {
        text: /WebIdentityErr: failed to retrieve credentials[\s\S]{0,300}?(?:i\/o timeout|no such host|connection refused|network is unreachable|context deadline exceeded|send request failed)/,
      },
      { text: /dial tcp: lookup sts\.[a-z0-9.-]+ on [^:]+:\d+: (?:i\/o timeout|no such host)/ },
    ],
    what: 'The controller exchanges its service-account token for AWS credentials at STS (AssumeRoleWithWebIdentity), and that call never reached STS: the name did not resolve or the connection timed out.',
    why: 'Every AWS call of the controller fails until it gets credentials: no instance types, prices or launches. Karpenter documents the DNS case — the controller uses the cluster DNS (`dnsPolicy: ClusterFirst`) while the DNS pods are not running, often because they wait for a node Karpenter would launch.',
    actions: [
      'Let the controller use the VPC resolver: `helm upgrade … --set dnsPolicy=Default` — or give the DNS pods capacity Karpenter does not manage (a managed node group or a Fargate profile).',
      'In a private cluster, add an STS interface endpoint (`com.amazonaws.{region}.sts`) and make the SDK use the regional STS endpoint (`AWS_STS_REGIONAL_ENDPOINTS=regional` in the controller’s environment).',
    ],
    docs: karpenterDocs('troubleshooting', 'failed-resolving-sts-credentials-with-io-timeout'),
  },
  {
    id: 'aws_credentials_web_identity_denied',
    product: 'karpenter',
    title: 'Controller may not assume its IAM role (AssumeRoleWithWebIdentity denied)',
    severity: 'error',
    category: 'iam',
    causes: AWS_EFFECTS,
    match: [
      {
        text: /(?:Not authorized to perform sts:AssumeRoleWithWebIdentity|InvalidIdentityToken|No OpenIDConnect provider found)/,
      },
    ],
    what: 'STS refused to give the controller credentials for the role in its service-account annotation.',
    why: 'The role’s trust policy must trust the cluster’s OIDC provider and name the controller’s service account (`system:serviceaccount:<namespace>:<name>`); a different namespace, service-account name, cluster or a missing OIDC provider is refused. This is the controller’s identity, not a missing permission: adding policies to the role does not help.',
    actions: [
      'Check the trust policy’s `sub` condition against the controller’s service account: `aws iam get-role --role-name <role> --query Role.AssumeRolePolicyDocument` and `kubectl get sa -n karpenter -o yaml`.',
      'Check the cluster’s OIDC provider exists in IAM: `aws eks describe-cluster --name <cluster> --query cluster.identity.oidc.issuer` and `aws iam list-open-id-connect-providers`.',
    ],
    docs: TROUBLESHOOTING,
  },
  {
    id: 'aws_credentials_missing',
    product: 'karpenter',
    title: 'Controller has no AWS credentials',
    severity: 'error',
    category: 'iam',
    causes: AWS_EFFECTS,
    match: [
      {
        text: /NoCredentialProviders: no valid providers in chain|failed to refresh cached credentials|no EC2 IMDS role found|get identity: get credentials|failed to retrieve credentials(?![\s\S]{0,300}?(?:i\/o timeout|no such host|AssumeRoleWithWebIdentity))/,
      },
    ],
    what: 'The AWS SDK in the controller found no credentials anywhere in its chain (environment, web identity token, pod identity, instance role).',
    why: 'The controller’s pod is not wired to an IAM role: no IRSA annotation on its service account (so no web identity token is mounted), no EKS Pod Identity association, and no node role it may use. Nothing that calls AWS works.',
    actions: [
      'Annotate the service account with the controller role (`eks.amazonaws.com/role-arn`, Helm `serviceAccount.annotations`) and restart the controller, or create an EKS Pod Identity association for it.',
      'Check the pod got the identity: `kubectl get pod -n karpenter -l app.kubernetes.io/name=karpenter -o yaml | grep -E "AWS_ROLE_ARN|AWS_WEB_IDENTITY_TOKEN_FILE|AWS_CONTAINER_CREDENTIALS"`.',
    ],
    docs: TROUBLESHOOTING,
  },
  {
    id: 'aws_credentials_expired',
    title: 'Controller credentials expired or the clock is off',
    severity: 'error',
    category: 'iam',
    causes: AWS_EFFECTS,
    match: [{ codes: ['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'SignatureDoesNotMatch'] }],
    what: 'AWS refused the controller’s request because its credentials expired or its signature’s time is too far from AWS time.',
    why: 'Web-identity and pod-identity credentials are refreshed by the SDK; a request still signed with expired credentials, or from a node whose clock drifts, is refused until the next refresh or a restart.',
    actions: [
      'Check the node’s clock sync (chrony) and restart the controller: `kubectl rollout restart -n karpenter deploy/karpenter`.',
    ],
    docs: TROUBLESHOOTING,
  },
  {
    id: 'aws_endpoint_unreachable',
    product: 'karpenter',
    title: 'AWS endpoint unreachable from the controller',
    severity: 'error',
    category: 'network',
    match: [
      {
        text: /(?:dial tcp[^:\n]*?(?::\d+)?: (?:i\/o timeout|connect: connection refused|connect: network is unreachable|lookup [^ ]+ on [^:]+:\d+: no such host)|Client\.Timeout exceeded while awaiting headers|TLS handshake timeout)[\s\S]{0,200}|(?:ec2|ssm|sqs|eks|iam|sts|pricing\.[a-z-]+|api\.pricing\.[a-z0-9-]+)\.[a-z0-9-]*\.?amazonaws\.com[^\s]*"?: dial tcp/,
      },
    ],
    what: 'A call from the controller to an AWS endpoint never got an answer: the connection timed out, was refused, or the name did not resolve.',
    why: 'This is the network path, not permissions: AWS never saw the request. Karpenter retries, and everything that needs that service waits. Private clusters need an interface endpoint for each AWS service the controller calls (EC2, SSM, STS, SQS for interruptions, EKS for the cluster endpoint); the Pricing API has none, so pricing needs egress or must be turned off.',
    actions: [
      'Find the endpoint in the example line, then check the route, security groups, NAT/proxy and DNS to it from the controller’s nodes.',
      'In a private cluster, create the missing interface endpoint: `aws ec2 create-vpc-endpoint --vpc-id <vpc> --vpc-endpoint-type Interface --service-name com.amazonaws.{region}.<service> --subnet-ids … --security-group-ids …{regionFlag}`.',
    ],
    docs: TROUBLESHOOTING,
  },
  {
    id: 'cluster_endpoint_undetected',
    title: 'Controller could not find the cluster endpoint',
    severity: 'error',
    category: 'configuration',
    match: [
      {
        text: /unable to detect the cluster endpoint|failed detecting cluster endpoint|resolving cluster endpoint/,
      },
    ],
    what: 'Karpenter needs the cluster’s API endpoint for the nodes it launches and looks it up with eks:DescribeCluster when it is not set; that lookup failed.',
    why: 'Without it Karpenter cannot render node user data. In a private cluster the lookup needs an EKS interface endpoint; otherwise the error after it (permission, timeout) says what failed.',
    actions: [
      'Set the endpoint explicitly: Helm `settings.clusterEndpoint` (v0.32 and later; `settings.aws.clusterEndpoint` in v0.31 charts) — `aws eks describe-cluster --name <cluster> --query cluster.endpoint --output text`.',
      'Or allow eks:DescribeCluster to the controller role and, in a private cluster, add the `com.amazonaws.{region}.eks` interface endpoint.',
    ],
    docs: TROUBLESHOOTING,
  },
  {
    id: 'crd_missing',
    title: 'Karpenter CRDs missing',
    severity: 'error',
    category: 'controller',
    causes: ['area:karpenter.framework', 'area:karpenter.operator'],
    match: [
      {
        text: /no matches for kind "(?:NodePool|NodeClaim|EC2NodeClass|Provisioner|Machine|AWSNodeTemplate|NodeOverlay)"|if kind is a CRD, it should be installed before calling Start|the server could not find the requested resource \(get (?:nodepools|nodeclaims|ec2nodeclasses|provisioners|machines|awsnodetemplates)/,
      },
    ],
    what: 'The controller watches a Karpenter kind whose CustomResourceDefinition is not installed in the cluster.',
    why: 'Each release serves specific API versions (v1alpha5 Provisioners up to v0.31, v1beta1 NodePools from v0.32, v1 from v1.0); the controller cannot start its controllers for a kind the API server does not know, and crashes or stalls at start-up.',
    actions: [
      'Install the CRDs of this controller version: `helm upgrade --install karpenter-crd oci://public.ecr.aws/karpenter/karpenter-crd --version <version> -n <namespace>` (the `karpenter-crd` chart exists from v0.26.1).',
      'Check what is installed: `kubectl get crd | grep karpenter`.',
    ],
    docs: karpenterDocs('troubleshooting', 'unknown-field-in-nodepool-or-ec2nodeclass-spec'),
  },
  {
    id: 'crd_outdated',
    title: 'Karpenter CRDs older than the controller',
    severity: 'error',
    category: 'controller',
    match: [
      {
        text: /strict decoding error: unknown field "spec\.|failed to migrate CRD, expected storage version|make sure you've upgraded your CRDs/,
      },
    ],
    what: 'An object or the controller uses a field or API version the installed CRD does not have.',
    why: 'Helm does not upgrade CRDs with the controller chart; after an upgrade the old CRDs stay until they are applied separately, and newer fields are rejected or the migration to the new storage version cannot run.',
    actions: [
      'Apply the CRDs of the running version (the `karpenter-crd` chart, or the CRD manifests of that release) before or with the controller upgrade.',
    ],
    docs: karpenterDocs('troubleshooting', 'unknown-field-in-nodepool-or-ec2nodeclass-spec'),
  },
  {
    id: 'kubernetes_version_incompatible',
    title: 'Karpenter does not support this Kubernetes version',
    severity: 'error',
    category: 'controller',
    match: [
      {
        text: /karpenter version is not compatible with K8s version|karpenter is not compatible with kubernetes version/i,
      },
    ],
    what: 'The controller checked the cluster’s Kubernetes version against the versions it supports and refused it.',
    why: 'Each Karpenter minor release supports a window of Kubernetes versions; outside it the controller stops rather than run untested.',
    actions: [
      'Upgrade Karpenter to a release that supports the cluster’s version (see the compatibility table of the upgrade guide) before or after the control-plane upgrade, in the order the guide gives.',
    ],
    docs: providerSource('pkg/providers/version/version.go'),
  },
  {
    id: 'leader_election_lost',
    title: 'Controller lost its leader lease and exited',
    severity: 'error',
    category: 'controller',
    causes: ['go_panic', 'controller_startup'],
    match: [{ text: /leader election lost|leaderelection lost|failed to renew lease [\w./-]*karpenter/i }],
    what: 'The controller could not renew its leader lease in time and stopped, on purpose, so that no two replicas act at once.',
    why: 'This is not a crash of Karpenter’s logic: the API server did not answer the lease update within the renew deadline (timeouts, etcd leader changes, an overloaded or unreachable control plane, or a CPU-starved pod). The pod restarts and a replica takes the lease over; some releases print it as a panic.',
    actions: [
      'Look at the errors just before it (timeouts to the API server) and at the controller’s CPU throttling and limits.',
      'Run two replicas so another one takes over at once.',
    ],
    docs: TROUBLESHOOTING,
  },
  {
    id: 'go_panic',
    title: 'Controller crashed (Go panic)',
    severity: 'error',
    category: 'controller',
    match: [{ text: /^(?:panic: |fatal error: )/ }, { text: /^Observed a panic in (?:reconciler|webhook)/ }],
    what: 'The process hit a Go panic or fatal runtime error; the first frame of its stack is {frames}.',
    why: 'A panic the framework does not recover ends the process: the container restarts, and repeated panics put the pod into CrashLoopBackOff with nothing provisioned or disrupted meanwhile. Unless the message says otherwise (a lost leader lease, a missing CRD), it is a bug of that release.',
    actions: [
      'Keep the whole stack: `kubectl logs -n karpenter deploy/karpenter --previous`.',
      'Search the first frame and message in the issues of the project for a fix in a later release, and upgrade; report it with the stack if there is none.',
    ],
    docs: TROUBLESHOOTING,
  },
];
