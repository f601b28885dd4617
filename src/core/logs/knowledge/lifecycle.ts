/**
 * Routine NodeClaim and node lifecycle activity.
 */
import { DOCS } from './shared.js';
import type { KnowledgeEntry } from './types.js';

export const LIFECYCLE_ENTRIES: KnowledgeEntry[] = [
  {
    id: 'node_disruption_taint',
    title: 'Node tainted for disruption',
    severity: 'info',
    category: 'lifecycle',
    activity: true,
    match: [{ text: /^(?:tainted node|cordoned node|Cordoned node)$/ }],
    what: 'Karpenter tainted (older versions: cordoned) a node before draining it.',
    why: 'The line alone does not say why: look at the disruption or interruption lines just before it. v1 uses the taint karpenter.sh/disrupted:NoSchedule.',
    actions: [],
    docs: DOCS.disruption,
  },
  {
    id: 'node_deleted',
    title: 'Node deleted',
    severity: 'info',
    category: 'lifecycle',
    activity: true,
    match: [{ text: /^(?:deleted node|Deleted node)$/ }],
    what: 'Karpenter finished terminating a node.',
    why: 'After disruption, interruption, expiry or a deleted NodeClaim.',
    actions: [],
    docs: DOCS.disruption,
  },
  {
    id: 'nodeclaim_launched',
    title: 'Node launched',
    severity: 'info',
    category: 'lifecycle',
    activity: true,
    timeline: 'launch',
    match: [
      { text: /^(?:launched nodeclaim|launched machine|launched node|Launched instance|Launched node)\b/ },
    ],
    what: 'Karpenter launched an instance.',
    why: 'The line names the instance type, zone and capacity type EC2 picked.',
    actions: [],
    docs: DOCS.nodepools,
  },
  {
    id: 'nodeclaim_created',
    title: 'NodeClaim created',
    severity: 'info',
    category: 'lifecycle',
    activity: true,
    match: [{ text: /^(?:created nodeclaim|created machine)$/ }],
    what: 'Karpenter decided to launch a node for pending pods.',
    why: 'The line lists the candidate instance types.',
    actions: [],
    docs: DOCS.nodepools,
  },
  {
    id: 'nodeclaim_registered',
    title: 'Node registered / initialized',
    severity: 'info',
    category: 'lifecycle',
    activity: true,
    match: [{ text: /^(?:registered|initialized) (?:nodeclaim|machine)$/ }],
    what: 'A launched node joined the cluster and became ready.',
    why: 'Long gaps between launch and registration point to bootstrap problems (user data, networking).',
    actions: [],
    docs: DOCS.troubleshooting,
  },
];
