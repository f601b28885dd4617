/**
 * Scheduling: pods no NodePool can take, and why.
 */
import { DOCS } from './shared.js';
import type { KnowledgeEntry } from './types.js';

export const SCHEDULING_ENTRIES: KnowledgeEntry[] = [
  {
    id: 'could_not_schedule_pod',
    generic: true,
    title: 'Pod could not be scheduled on any NodePool',
    severity: 'error',
    category: 'scheduling',
    match: [{ text: /could not schedule pod/i }],
    what: 'The provisioner found no NodePool and instance type that can run the pod, so it launched nothing for it; the pod stays Pending.',
    why: 'The message lists, per NodePool, why it was rejected (taints, requirements, limits, no instance type); the reasons are explained as separate problems. Karpenter re-evaluates on every batch.',
    versions: [
      {
        until: '0.36.99',
        text: 'Up to v0.36 the message is "Could not schedule pod, <reasons>" with a `pod` field.',
      },
      {
        from: '0.37.0',
        text: 'Since v0.37 it is "could not schedule pod" with a Pod field and the reasons in `error`.',
      },
    ],
    actions: [
      'Read the per-NodePool reasons in the example line, then compare with the pod: `kubectl describe pod <pod>` (requests, nodeSelector, affinity, tolerations).',
      'Check the NodePools: `kubectl get nodepools -o yaml` (requirements, taints, limits).',
    ],
    docs: DOCS.scheduling,
  },
  {
    id: 'incompatible_with_nodepool',
    generic: true,
    title: 'Pod incompatible with a NodePool',
    severity: 'warning',
    category: 'scheduling',
    match: [{ text: /incompatible with (?:provisioner|nodepool)/ }],
    what: 'A NodePool ({nodepools}) was ruled out for the pod; the reason follows in the line.',
    why: 'Karpenter only considers NodePools whose taints the pod tolerates, whose requirements intersect the pod’s, and whose instance types fit the pod plus daemonset overhead.',
    actions: [
      'Fix the reason the line gives for the NodePool you meant the pod to use; other NodePools being ruled out is normal.',
    ],
    docs: DOCS.scheduling,
  },
  {
    id: 'taint_not_tolerated',
    title: 'Pod does not tolerate a NodePool taint',
    severity: 'warning',
    category: 'scheduling',
    match: [{ text: /did not tolerate/ }],
    what: 'The pod has no toleration for a taint the NodePool puts on its nodes.',
    why: 'Karpenter never launches a node whose taints the pod does not tolerate.',
    actions: [
      'Add the toleration to the pod spec, or remove the taint from the NodePool’s `spec.template.spec.taints` if the pod should run there.',
    ],
    docs: DOCS.scheduling,
  },
  {
    id: 'no_instance_type_satisfied',
    title: 'No instance type satisfies the pod',
    severity: 'warning',
    category: 'scheduling',
    match: [{ text: /no instance type (?:satisfied|met|has enough)/ }],
    what: 'None of the NodePool’s instance types has enough allocatable resources for the pod (after daemonset overhead and reserved resources), meets all its requirements, or has an available offering.',
    why: 'Quota- or ICE-blocked offerings and NodePool limits also surface this way ("or had a required offering"), which is why this message is often misleading.',
    actions: [
      'Compare the pod’s requests with the largest allowed type: `kubectl describe pod <pod>`; allow larger sizes or more families in the NodePool.',
      'Check for capacity or quota errors in the same window (blocked offerings below).',
    ],
    docs: DOCS.scheduling,
  },
  {
    id: 'incompatible_requirements',
    title: 'Pod requirements incompatible with the NodePool',
    severity: 'warning',
    category: 'scheduling',
    match: [{ text: /incompatible requirements|does not have known values/ }],
    what: 'The pod asks for a label or value (nodeSelector, node affinity) the NodePool cannot provide.',
    why: 'A label Karpenter does not know must be in the NodePool’s labels or requirements, otherwise no node can satisfy the pod.',
    actions: [
      'Add the label to the NodePool’s `spec.template.metadata.labels` or `spec.template.spec.requirements`, or drop it from the pod’s nodeSelector/affinity.',
    ],
    docs: DOCS.scheduling,
  },
  {
    id: 'nodepool_limits_exceeded',
    title: 'NodePool limits reached',
    severity: 'error',
    category: 'scheduling',
    match: [{ text: /exceed (?:provisioner )?limits|would breach (?:provisioner )?limits/ }],
    what: 'Launching any allowed instance type would push the NodePool ({nodepools}) over its `limits`.',
    why: 'Karpenter sums the capacity of all nodes of the NodePool, including nodes still terminating, and excludes types that would cross the limit.',
    versions: [
      { until: '0.32.99', text: 'v1alpha5 Provisioner: `spec.limits.resources.cpu/memory`.' },
      { from: '0.32.0', text: 'NodePool: `spec.limits.cpu/memory` (flat).' },
    ],
    actions: [
      'Raise `spec.limits` of the NodePool, or add another NodePool for the overflow.',
      'Look for nodes stuck terminating that still count: `kubectl get nodeclaims`',
    ],
    docs: DOCS.nodepools,
  },
];
