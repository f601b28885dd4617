/**
 * Interruptions Karpenter handles from its queue (and NTH sees through IMDS or SQS).
 */
import { DOCS } from './shared.js';
import type { KnowledgeEntry } from './types.js';

export const INTERRUPTION_ENTRIES: KnowledgeEntry[] = [
  {
    id: 'spot_interruption',
    title: 'Spot interruption notice',
    severity: 'info',
    category: 'interruption',
    timeline: 'interruption',
    capacityType: 'spot',
    match: [
      {
        text: /interruption message|removing offering from offerings/,
        fields: { messageKind: /^(?:SpotInterruptionKind|spot_interrupted)$/ },
      },
      // NTH: the event itself, not every drain line that repeats its description.
      {
        text: /Adding new event to the event store.*"Kind"\s*:\s*"SPOT_ITN"|Spot Interruption notice for instance/,
      },
    ],
    what: 'EC2 will reclaim a Spot instance in two minutes.',
    why: 'Karpenter (interruption queue, v0.19+) cordons and drains the node, launches a replacement at once and caches the (spot, type, zone) offering as unavailable for {ttl}. NTH cordons and drains the node. Many notices for the same type mean its Spot pool is shallow.',
    actions: [
      'If frequent, diversify instance types and zones so price-capacity-optimized can pick deeper pools: `spotctl suggest --types {types}{regionFlag}`',
      'Keep `terminationGracePeriodSeconds` under 2 minutes and use PDBs so pods move in time.',
      'Handle interruptions with Karpenter’s queue or NTH, not both.',
    ],
    docs: DOCS.spotInterruptions,
  },
  {
    id: 'rebalance_recommendation_drain',
    title: 'NTH drained a node on a rebalance recommendation',
    severity: 'warning',
    category: 'nth',
    timeline: 'drain',
    match: [
      { text: /Requesting instance drain.*kind=REBALANCE_RECOMMENDATION/ },
      { text: /cordoned and drained.*Rebalance recommendation received/ },
    ],
    what: 'aws-node-termination-handler cordoned and drained a node because of a rebalance recommendation — not an interruption.',
    why: 'Karpenter takes no action on rebalance recommendations. With NTH draining on them, Karpenter relaunches the same cheapest type, which gets the same recommendation: a drain loop. NTH in queue mode drains on rebalance regardless of `enableRebalanceDraining`.',
    actions: [
      'Prefer removing NTH and using Karpenter’s interruption queue (`settings.interruptionQueue`, v0.32+; `aws.interruptionQueueName` v0.19–v0.31).',
      'If NTH must stay, run it in IMDS mode with `enableRebalanceDraining=false` and `enableSpotInterruptionDraining=false` so Karpenter owns interruptions.',
    ],
    docs: DOCS.faq,
  },
  {
    id: 'rebalance_recommendation',
    title: 'Spot rebalance recommendation',
    severity: 'info',
    category: 'interruption',
    timeline: 'interruption',
    capacityType: 'spot',
    match: [
      {
        text: /interruption message/,
        fields: { messageKind: /^(?:RebalanceRecommendationKind|rebalance_recommendation)$/ },
      },
      {
        text: /InstanceSpotRebalanceRecommendation|spot rebalance recommendation|Adding new event to the event store.*"Kind"\s*:\s*"REBALANCE_RECOMMENDATION"/,
      },
    ],
    what: 'EC2 signalled that a Spot instance is at elevated risk of interruption.',
    why: 'Karpenter takes no action: it only emits the InstanceSpotRebalanceRecommendation event (support is an open feature request, aws/karpenter-provider-aws#2813). A real interruption notice follows if the instance is reclaimed. NTH cordons on it with `enableRebalanceMonitoring` and drains with `enableRebalanceDraining` (IMDS mode); in queue mode it drains regardless.',
    actions: ['Nothing to do for Karpenter. Do not make NTH drain on it alongside Karpenter (drain loop).'],
    docs: DOCS.rebalance,
  },
  {
    id: 'scheduled_event',
    title: 'Scheduled maintenance event',
    severity: 'info',
    category: 'interruption',
    timeline: 'interruption',
    match: [
      { text: /interruption message/, fields: { messageKind: /^(?:ScheduledChangeKind|scheduled_change)$/ } },
      { text: /Adding new event to the event store.*"Kind"\s*:\s*"SCHEDULED_EVENT"/ },
    ],
    what: 'AWS scheduled maintenance (stop, retirement, reboot) for an instance.',
    why: 'Karpenter cordons and drains the node when the AWS Health event reaches its queue; NTH drains when `enableScheduledEventDraining` is on (IMDS mode).',
    actions: ['Nothing to do if the node was replaced; otherwise check the event in the EC2 console.'],
    docs: DOCS.interruption,
  },
  {
    id: 'instance_state_change',
    title: 'Instance stopping or terminated outside Karpenter',
    severity: 'info',
    category: 'interruption',
    timeline: 'interruption',
    match: [
      {
        text: /interruption message/,
        fields: {
          messageKind: /^(?:StateChangeKind|instance_stopped|instance_terminated|instance_stopping)$/,
        },
      },
      { text: /EC2 State Change event received/ },
    ],
    what: 'EC2 reported an instance stopping or terminating that Karpenter did not initiate.',
    why: 'Karpenter cordons, drains and deletes the node; someone or something (a script, the console, an ASG) stopped the instance.',
    actions: ['Find who did it: CloudTrail StopInstances/TerminateInstances events for the instance.'],
    docs: DOCS.interruption,
  },
  {
    id: 'capacity_reservation_interrupted',
    title: 'Capacity reservation interruption',
    severity: 'info',
    category: 'interruption',
    timeline: 'interruption',
    match: [{ text: /interruption message/, fields: { messageKind: /^capacity_reservation_interrupted$/ } }],
    what: 'An instance in an interruptible capacity reservation is being reclaimed.',
    why: 'Karpenter cordons and drains the node like a Spot interruption.',
    actions: ['Allow other capacity types in the NodePool so replacements can launch.'],
    docs: DOCS.interruption,
  },
  {
    id: 'interruption_delete',
    title: 'Karpenter deleted a node for an interruption message',
    severity: 'info',
    category: 'interruption',
    timeline: 'interruption',
    match: [
      {
        text: /(?:initiating delete|initiating delete for machine|deleted node|deleted machine) from interruption message/,
      },
    ],
    what: 'Karpenter acted on a message from its interruption queue: cordon, drain, delete the node.',
    why: 'Spot interruptions, scheduled changes and state changes lead to CordonAndDrain; rebalance recommendations to no action.',
    actions: [],
    docs: DOCS.interruption,
  },
];
