/**
 * The kubeconfig as kubectl reads it, through the official client: every file of KUBECONFIG merged
 * (the first to define a name wins, and the first current-context), the context chosen and checked, or
 * the pod's service account when running inside the cluster with no kubeconfig at all.
 */
import { existsSync } from 'node:fs';

import type { KubeConfig } from '@kubernetes/client-node';

import {
  badKubeconfigError,
  noCurrentContextError,
  noKubeconfigError,
  unknownContextError,
  type KubeconfigLocation,
} from '../../core/log-sources/kube.js';

export interface LoadedKubeConfig {
  config: KubeConfig;
  context: string;
  server: string;
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

type Named = { name: string };

function firstWins<T extends Named>(lists: T[][]): T[] {
  const seen = new Map<string, T>();
  for (const list of lists) for (const item of list) if (!seen.has(item.name)) seen.set(item.name, item);
  return [...seen.values()];
}

/**
 * @throws SpotctlError NO_KUBECONFIG / BAD_KUBECONFIG (input, 3), UNKNOWN_CONTEXT / NO_KUBE_CONTEXT
 *   (usage, 2).
 */
export async function loadKubeConfig(
  location: KubeconfigLocation,
  contextName: string | undefined,
  env: Record<string, string | undefined> = process.env,
): Promise<LoadedKubeConfig> {
  const k8s = await import('@kubernetes/client-node');
  const config = new k8s.KubeConfig();
  // kubectl skips the files of a KUBECONFIG list that do not exist.
  const files = location.paths.filter((path) => existsSync(path));
  if (files.length === 0) {
    const inCluster =
      location.origin === 'default' && env.KUBERNETES_SERVICE_HOST && existsSync(SERVICE_ACCOUNT_TOKEN);
    if (!inCluster) throw noKubeconfigError(location);
    config.loadFromCluster();
  } else {
    const loaded = files.map((path) => {
      const one = new k8s.KubeConfig();
      try {
        one.loadFromFile(path);
      } catch (error) {
        throw badKubeconfigError(path, (error as Error).message);
      }
      return one;
    });
    config.loadFromOptions({
      clusters: firstWins(loaded.map((c) => c.getClusters())),
      users: firstWins(loaded.map((c) => c.getUsers())),
      contexts: firstWins(loaded.map((c) => c.getContexts())),
      currentContext: loaded.map((c) => c.getCurrentContext()).find(Boolean) ?? '',
    });
  }

  const known = config.getContexts().map((c) => c.name);
  const context = contextName ?? config.getCurrentContext();
  if (!context) throw noCurrentContextError(known);
  if (!known.includes(context)) {
    // A current-context naming nothing is the file's fault, --context naming nothing the flag's.
    if (contextName === undefined) {
      throw badKubeconfigError(files[0] ?? 'in-cluster', `current-context "${context}" is not defined`);
    }
    throw unknownContextError(context, known);
  }
  config.setCurrentContext(context);
  const cluster = config.getCurrentCluster();
  if (!cluster?.server) {
    const named = config.getContextObject(context)?.cluster ?? '';
    throw badKubeconfigError(
      files[0] ?? 'in-cluster',
      `context "${context}" uses cluster "${named}", which has no server`,
    );
  }
  return { config, context, server: cluster.server };
}
