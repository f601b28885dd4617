/**
 * Karpenter v1: NodePool(s) and the EC2NodeClass they share.
 */
import type { InitConfig } from '../init/types.js';
import { discoveryTags, limitsFor, nodeTags, type PoolPlan, requirementsFor, taintsFor } from './pools.js';

export const V1_NODEPOOL = 'karpenter.sh/v1';
export const V1_NODECLASS = 'karpenter.k8s.aws/v1';

/** A v1 NodePool for one pool of the plan. */
export function nodePoolV1(config: InitConfig, pool: PoolPlan): Record<string, unknown> {
  const taints = taintsFor(config);
  const limits = limitsFor(config);
  return {
    apiVersion: V1_NODEPOOL,
    kind: 'NodePool',
    metadata: { name: pool.name },
    spec: {
      template: {
        spec: {
          requirements: requirementsFor(config, pool),
          ...(taints.length > 0 ? { taints } : {}),
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: config.name },
          expireAfter: config.expireAfter,
        },
      },
      ...(Object.keys(limits).length > 0 ? { limits } : {}),
      disruption: {
        consolidationPolicy: config.disruption.consolidationPolicy,
        consolidateAfter: config.disruption.consolidateAfter,
        budgets: [{ nodes: config.disruption.budgetNodes }],
      },
      ...(pool.weight !== undefined ? { weight: pool.weight } : {}),
    },
  };
}

/** The v1 EC2NodeClass: discovery-tag selectors, an AMI alias, and the node role (or instance profile). */
export function ec2NodeClassV1(config: InitConfig): Record<string, unknown> {
  const tags = nodeTags(config);
  return {
    apiVersion: V1_NODECLASS,
    kind: 'EC2NodeClass',
    metadata: { name: config.name },
    spec: {
      ...(config.instanceProfile ? { instanceProfile: config.instanceProfile } : { role: config.nodeRole }),
      amiSelectorTerms: [{ alias: config.amiAlias }],
      subnetSelectorTerms: [{ tags: discoveryTags(config) }],
      securityGroupSelectorTerms: [{ tags: discoveryTags(config) }],
      ...(tags ? { tags } : {}),
    },
  };
}
