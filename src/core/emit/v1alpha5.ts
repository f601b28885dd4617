/**
 * Karpenter v1alpha5 (before v0.32): Provisioner(s) with an AWSNodeTemplate, or the inline `provider`
 * block the seed used.
 */
import type { InitConfig } from '../init/types.js';
import { durationSeconds } from './duration.js';
import { discoveryTags, limitsFor, nodeTags, type PoolPlan, requirementsFor, taintsFor } from './pools.js';

export const V1ALPHA5_PROVISIONER = 'karpenter.sh/v1alpha5';
export const V1ALPHA1_NODETEMPLATE = 'karpenter.k8s.aws/v1alpha1';

/** Subnet/security-group selectors, instance profile and tags: AWSNodeTemplate spec = inline provider. */
function providerSpec(config: InitConfig): Record<string, unknown> {
  const tags = nodeTags(config);
  return {
    subnetSelector: discoveryTags(config),
    securityGroupSelector: discoveryTags(config),
    ...(config.instanceProfile ? { instanceProfile: config.instanceProfile } : {}),
    ...(tags ? { tags } : {}),
  };
}

/**
 * A Provisioner. Empty-node removal and consolidation are exclusive in v1alpha5: WhenEmpty becomes
 * `ttlSecondsAfterEmpty`, WhenEmptyOrUnderutilized becomes `consolidation.enabled`, never both.
 */
export function provisionerV1alpha5(config: InitConfig, pool: PoolPlan): Record<string, unknown> {
  const taints = taintsFor(config);
  const limits = limitsFor(config);
  const afterEmpty =
    config.disruption.consolidationPolicy === 'WhenEmpty'
      ? durationSeconds(config.disruption.consolidateAfter)
      : undefined;
  const expire = durationSeconds(config.expireAfter);
  return {
    apiVersion: V1ALPHA5_PROVISIONER,
    kind: 'Provisioner',
    metadata: { name: pool.name },
    spec: {
      requirements: requirementsFor(config, pool),
      ...(taints.length > 0 ? { taints } : {}),
      ...(Object.keys(limits).length > 0 ? { limits: { resources: limits } } : {}),
      ...(config.provider === 'inline'
        ? { provider: providerSpec(config) }
        : { providerRef: { name: config.name } }),
      ...(config.disruption.consolidationPolicy === 'WhenEmptyOrUnderutilized'
        ? { consolidation: { enabled: true } }
        : afterEmpty !== undefined
          ? { ttlSecondsAfterEmpty: afterEmpty }
          : {}),
      ...(expire !== undefined ? { ttlSecondsUntilExpired: expire } : {}),
      ...(pool.weight !== undefined ? { weight: pool.weight } : {}),
    },
  };
}

export function awsNodeTemplateV1alpha1(config: InitConfig): Record<string, unknown> {
  return {
    apiVersion: V1ALPHA1_NODETEMPLATE,
    kind: 'AWSNodeTemplate',
    metadata: { name: config.name },
    spec: providerSpec(config),
  };
}
