/**
 * Which EKS cluster the user is pointed at, for init's default cluster name: CLUSTER_NAME (the variable
 * Karpenter's getting-started guide exports), else the cluster of kubectl's current context when it is an
 * EKS one (`aws eks update-kubeconfig` names it by ARN, eksctl as `<name>.<region>.eksctl.io`).
 */
import { readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

export interface ClusterHint {
  name: string;
  from: string;
}

interface KubeConfig {
  'current-context'?: string;
  contexts?: Array<{ name?: string; context?: { cluster?: string } }>;
}

/** The EKS cluster name in a kubeconfig cluster entry's name, if it is one. */
export function eksClusterName(cluster: string): string | undefined {
  const arn = /^arn:aws[a-z-]*:eks:[a-z0-9-]+:\d{12}:cluster\/([A-Za-z0-9][A-Za-z0-9_-]*)$/.exec(cluster);
  if (arn) return arn[1];
  return /^([A-Za-z0-9][A-Za-z0-9_-]*)\.[a-z0-9-]+\.eksctl\.io$/.exec(cluster)?.[1];
}

export async function clusterHint(env: Record<string, string | undefined>): Promise<ClusterHint | undefined> {
  if (env.CLUSTER_NAME) return { name: env.CLUSTER_NAME, from: 'CLUSTER_NAME' };
  const paths = env.KUBECONFIG
    ? env.KUBECONFIG.split(delimiter).filter(Boolean)
    : env.HOME
      ? [join(env.HOME, '.kube', 'config')]
      : [];
  // kubectl merges the files: the first current-context wins, contexts come from any of them.
  const configs: KubeConfig[] = [];
  for (const path of paths) {
    try {
      const text = await readFile(path, 'utf8');
      // The YAML parser is loaded only when there is a kubeconfig to read.
      const { parse } = await import('yaml');
      const parsed = parse(text) as KubeConfig | null;
      if (parsed && typeof parsed === 'object') configs.push(parsed);
    } catch {
      // No kubeconfig, or one spotctl cannot read: no hint, as if kubectl were not set up.
    }
  }
  const current = configs.find((config) => config['current-context'])?.['current-context'];
  if (!current) return undefined;
  const context = configs.flatMap((config) => config.contexts ?? []).find((c) => c.name === current);
  const name = context?.context?.cluster ? eksClusterName(context.context.cluster) : undefined;
  return name ? { name, from: 'your kubectl context' } : undefined;
}
