/**
 * Reading Karpenter's and NTH's logs from the cluster, the pure part: which pods and containers to read
 * (and where the previous container's log holds the crash), what each source is called, and what a
 * refused or failed call tells the user to do.
 */
import { authError, awsError, inputError, usageError, type SpotctlError } from '../errors.js';
import { nearest } from '../text/nearest.js';

export type KubeComponent = 'karpenter' | 'nth';

export interface KubeTarget {
  component: KubeComponent;
  /** The label the official Helm charts put on the pods. */
  selector: string;
  /** Containers whose logs matter, in the order read; when none is present, the pod's first container. */
  containers: string[];
}

export const KUBE_TARGETS: readonly KubeTarget[] = [
  // Karpenter's container is `controller`; releases before v0.16 also ran a `webhook` container.
  {
    component: 'karpenter',
    selector: 'app.kubernetes.io/name=karpenter',
    containers: ['controller', 'webhook'],
  },
  {
    component: 'nth',
    selector: 'app.kubernetes.io/name=aws-node-termination-handler',
    containers: ['aws-node-termination-handler'],
  },
];

export interface ContainerStatusSummary {
  name: string;
  restartCount: number;
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  /** `CrashLoopBackOff`, `ContainerCreating`, … */
  waitingReason?: string;
}

/** What the planner needs of a pod (a structural subset of V1Pod, flattened). */
export interface PodSummary {
  namespace: string;
  name: string;
  containers: string[];
  statuses: ContainerStatusSummary[];
}

export interface PodLogRead {
  component: KubeComponent;
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
  /** `pod karpenter/karpenter-7d9f-x2x9q (controller, previous)`. */
  name: string;
}

export const podSourceName = (namespace: string, pod: string, container: string, previous: boolean): string =>
  `pod ${namespace}/${pod} (${container}${previous ? ', previous' : ''})`;

/**
 * The log reads for one component's pods: per chosen container, the previous container's log first (it is
 * older, and where a crash is) when the container restarted, then the current one unless it has not
 * started. `skipped` says why a container gave no current log.
 */
export function planPodLogs(
  pods: PodSummary[],
  target: KubeTarget,
): { reads: PodLogRead[]; skipped: string[] } {
  const reads: PodLogRead[] = [];
  const skipped: string[] = [];
  const sorted = [...pods].sort(
    (a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
  );
  for (const pod of sorted) {
    const chosen = target.containers.filter((name) => pod.containers.includes(name));
    const containers = chosen.length > 0 ? chosen : pod.containers.slice(0, 1);
    for (const container of containers) {
      const status = pod.statuses.find((s) => s.name === container);
      const read = (previous: boolean): PodLogRead => ({
        component: target.component,
        namespace: pod.namespace,
        pod: pod.name,
        container,
        previous,
        name: podSourceName(pod.namespace, pod.name, container, previous),
      });
      if (status && status.restartCount > 0) reads.push(read(true));
      if (status?.state === 'waiting') {
        skipped.push(
          `${podSourceName(pod.namespace, pod.name, container, false)}: waiting (${status.waitingReason ?? 'not started'})`,
        );
        continue;
      }
      reads.push(read(false));
    }
  }
  return { reads, skipped };
}

// --- kubeconfig -------------------------------------------------------------------------------------

export type KubeconfigOrigin = 'flag' | 'KUBECONFIG' | 'default';

export interface KubeconfigLocation {
  paths: string[];
  origin: KubeconfigOrigin;
}

/**
 * Where the kubeconfig is, as kubectl looks: `--kubeconfig`, else every file in `KUBECONFIG` (merged,
 * first wins), else `~/.kube/config`.
 */
export function kubeconfigLocation(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  homeDir: string,
  delimiter = ':',
): KubeconfigLocation {
  if (flag) return { paths: [flag], origin: 'flag' };
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (fromEnv.length > 0) return { paths: fromEnv, origin: 'KUBECONFIG' };
  return { paths: [`${homeDir.replace(/[\\/]+$/, '')}/.kube/config`], origin: 'default' };
}

const EKS_KUBECONFIG_HINT =
  'Write one with `aws eks update-kubeconfig --name <cluster> --region <region>`, or pass --kubeconfig FILE.';

export function noKubeconfigError(location: KubeconfigLocation): SpotctlError {
  const where =
    location.origin === 'flag'
      ? `--kubeconfig ${location.paths[0]} does not exist`
      : location.origin === 'KUBECONFIG'
        ? `no file named in KUBECONFIG exists (${location.paths.join(', ')})`
        : `no kubeconfig at ${location.paths[0]} and KUBECONFIG is not set`;
  return inputError('NO_KUBECONFIG', where, { suggestions: [EKS_KUBECONFIG_HINT] });
}

export function badKubeconfigError(path: string, reason: string): SpotctlError {
  return inputError('BAD_KUBECONFIG', `cannot read kubeconfig ${path}: ${reason.split('\n')[0]}`, {
    suggestions: ['Check the file with `kubectl config view`, or pass another with --kubeconfig.'],
  });
}

/** `--context` names a context the kubeconfig does not have. */
export function unknownContextError(name: string, known: string[]): SpotctlError {
  const close = nearest(name, known, 1, 4);
  const list = known.length > 0 ? known.join(', ') : 'none';
  return usageError('UNKNOWN_CONTEXT', `no context "${name}" in the kubeconfig; known contexts: ${list}`, {
    suggestions: [
      close.length > 0
        ? `Did you mean --context ${close[0]}?`
        : 'Pass one of them with --context (`kubectl config get-contexts` lists them).',
    ],
  });
}

export function noCurrentContextError(known: string[]): SpotctlError {
  return usageError('NO_KUBE_CONTEXT', 'the kubeconfig sets no current-context', {
    suggestions: [known.length > 0 ? `Pass --context, one of: ${known.join(', ')}.` : EKS_KUBECONFIG_HINT],
  });
}

// --- API failures -----------------------------------------------------------------------------------

/** How a Kubernetes API call failed: an HTTP status (with the Status object's message), or no answer. */
export interface KubeFailure {
  status?: number;
  /** The Status object's `message`, e.g. `pods is forbidden: User "x" cannot list resource …`. */
  message?: string;
  /** A network error code (ECONNREFUSED, ETIMEDOUT, …) when there was no HTTP answer. */
  networkCode?: string;
}

export interface KubeCallContext {
  context: string;
  server: string;
  /** `list` on `pods`, or `get` on `pods/log`. */
  verb: 'list' | 'get';
  resource: 'pods' | 'pods/log';
  /** Undefined: across all namespaces (the cluster scope). */
  namespace?: string;
}

const userOf = (message = ''): string | undefined => /User "([^"]+)"/.exec(message)?.[1];

/** The user-facing error for a Kubernetes call that cannot be skipped. */
export function kubeFailureToError(failure: KubeFailure, call: KubeCallContext): SpotctlError {
  const scope = call.namespace ? `in namespace ${call.namespace}` : 'across all namespaces';
  if (failure.status === undefined) {
    return awsError(
      'KUBE_UNREACHABLE',
      `no answer from the Kubernetes API server ${call.server} (context ${call.context}): ${failure.networkCode ?? failure.message ?? 'no response'}`,
      {
        suggestions: [
          `Check that the cluster endpoint is reachable (VPN, private endpoint): \`kubectl --context ${call.context} cluster-info\`.`,
        ],
      },
    );
  }
  if (failure.status === 401) {
    return authError(
      'KUBE_UNAUTHORIZED',
      `the API server ${call.server} rejected the credentials of context ${call.context} (401 Unauthorized)`,
      {
        suggestions: [
          'Refresh them: `aws eks update-kubeconfig --name <cluster> --region <region>` (after `aws sso login` if your AWS session expired).',
        ],
      },
    );
  }
  if (failure.status === 403) {
    const user = userOf(failure.message);
    const grant =
      call.namespace === undefined
        ? `Grant \`${call.verb}\` on \`${call.resource}\` cluster-wide (a ClusterRole), or pass --namespace with the namespace Karpenter runs in to need only a Role there.`
        : `Grant \`${call.verb}\` on \`${call.resource}\` in namespace ${call.namespace} (a Role and RoleBinding).`;
    return authError(
      'KUBE_FORBIDDEN',
      `${user ? `user ${user}` : 'this identity'} may not ${call.verb} ${call.resource} ${scope} (403 Forbidden)`,
      { suggestions: [grant, 'See "Reading logs from the cluster" in the README for the RBAC rules.'] },
    );
  }
  const detail = failure.message ? `: ${failure.message.split('\n')[0]}` : '';
  return awsError(
    'KUBE_API_ERROR',
    `${call.verb} ${call.resource} ${scope} failed with HTTP ${failure.status}${detail}`,
    {
      suggestions: [
        `Retry; if it persists, check the API server's health (\`kubectl --context ${call.context} get --raw /readyz\`).`,
      ],
    },
  );
}

/** Credentials could not be produced (an exec plugin such as `aws eks get-token` failed). */
export function kubeCredentialsError(context: string, reason: string): SpotctlError {
  return authError(
    'KUBE_CREDENTIALS',
    `could not get credentials for context ${context}: ${reason.split('\n')[0]}`,
    {
      suggestions: [
        `Check that \`kubectl --context ${context} get pods -A\` works (the exec plugin, e.g. \`aws eks get-token\`, must be on PATH and logged in).`,
      ],
    },
  );
}

export function noPodsError(namespace: string | undefined, context: string): SpotctlError {
  const selectors = KUBE_TARGETS.map((t) => t.selector).join(' or ');
  const scope = namespace ? `in namespace ${namespace}` : 'in any namespace';
  return inputError('NO_KARPENTER_PODS', `no pods match ${selectors} ${scope} (context ${context})`, {
    suggestions: [
      `Check with \`kubectl --context ${context} get pods -A -l ${KUBE_TARGETS[0]!.selector}\`; a chart installed with nameOverride labels its pods with that name instead.`,
    ],
  });
}
