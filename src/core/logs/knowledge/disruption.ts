/**
 * Disruption decisions: one entry per method × decision, recognised in every release's wording.
 */
import { DOCS } from './shared.js';
import type { KnowledgeEntry } from './types.js';

function disruption(
  id: string,
  method: string,
  reasonV1: RegExp,
  decision: 'delete' | 'replace',
  what: string,
): KnowledgeEntry {
  return {
    id,
    title: `Disruption: ${method} ${decision}`,
    severity: 'info',
    category: 'disruption',
    timeline: 'disruption',
    match: [
      // v0.15–v0.18 had consolidation only: "Consolidating via Delete".
      ...(method === 'consolidation' ? [{ text: new RegExp(`Consolidating via ${decision}\\b`, 'i') }] : []),
      { text: new RegExp(`(?:deprovisioning|disrupting) via ${method} ${decision}\\b`, 'i') },
      { text: new RegExp(`disrupting nodeclaim\\(s\\) via ${decision}\\b`), fields: { reason: reasonV1 } },
      {
        text: /disrupting node\(s\)/,
        fields: { reason: reasonV1, decision: new RegExp(`^${decision}$`, 'i') },
      },
    ],
    what,
    why: `Karpenter's disruption controller decided this on its own; it ${decision === 'replace' ? 'launches the replacement first, then' : ''} taints, drains and deletes the candidate nodes, honouring PDBs, \`karpenter.sh/do-not-disrupt\` (\`do-not-evict\` before v0.32) and the NodePool's disruption budgets (v0.34 and later).`,
    versions: [
      { until: '0.18.99', text: 'v0.15–v0.18 log "Consolidating via …".' },
      { from: '0.21.0', until: '0.31.99', text: 'v0.21–v0.31 log "deprovisioning via …".' },
      { from: '0.32.0', until: '0.37.99', text: 'v0.32–v0.37 log "disrupting via …".' },
      {
        from: '1.0.0',
        text: 'v1 logs "disrupting nodeclaim(s) via …" (v1.0–v1.2) or "disrupting node(s)" with reason and decision fields (v1.3+).',
      },
    ],
    actions: [
      'Expected behaviour. To slow it down, set NodePool `spec.disruption.budgets` (e.g. `nodes: "10%"`, or a schedule), or annotate pods with `karpenter.sh/do-not-disrupt: "true"`.',
    ],
    docs: DOCS.disruption,
  };
}

export const DISRUPTION_ENTRIES: KnowledgeEntry[] = [
  disruption(
    'consolidation_delete',
    'consolidation',
    /^underutilized$/i,
    'delete',
    'Karpenter removed nodes whose pods fit elsewhere (consolidation).',
  ),
  disruption(
    'consolidation_replace',
    'consolidation',
    /^underutilized$/i,
    'replace',
    'Karpenter replaced nodes with a cheaper one (consolidation).',
  ),
  disruption(
    'drift_delete',
    'drift',
    /^drifted$/i,
    'delete',
    'Karpenter removed nodes that drifted from their NodePool/EC2NodeClass (new AMI, changed spec).',
  ),
  disruption(
    'drift_replace',
    'drift',
    /^drifted$/i,
    'replace',
    'Karpenter replaced nodes that drifted from their NodePool/EC2NodeClass (new AMI, changed spec).',
  ),
  disruption('emptiness_delete', 'emptiness', /^empty$/i, 'delete', 'Karpenter removed empty nodes.'),
  disruption(
    'expiration_delete',
    'expiration',
    /^expired$/i,
    'delete',
    'Karpenter removed nodes that reached expireAfter.',
  ),
  disruption(
    'expiration_replace',
    'expiration',
    /^expired$/i,
    'replace',
    'Karpenter replaced nodes that reached expireAfter.',
  ),
];
