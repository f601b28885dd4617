/**
 * aws-node-termination-handler Helm values: mode mix-ups (IMDS keys in queue mode, queue mode without a
 * queue), and the drain loop the Karpenter troubleshooting guide describes when NTH and Karpenter both
 * react to the same Spot signals.
 */
import type { NthValuesModel, Span, ValueTree } from '../../manifests/types.js';
import type { Hit, Rule } from '../types.js';

/** Chart keys that only the IMDS-mode DaemonSet reads (chart README, "IMDS Mode Configuration"). */
export const NTH_IMDS_ONLY_KEYS = [
  'targetNodeOs',
  'linuxPodLabels',
  'windowsPodLabels',
  'linuxPodAnnotations',
  'windowsPodAnnotations',
  'updateStrategy',
  'daemonsetPriorityClassName',
  'podMonitor',
  'daemonsetNodeSelector',
  'linuxNodeSelector',
  'windowsNodeSelector',
  'daemonsetAffinity',
  'linuxAffinity',
  'windowsAffinity',
  'daemonsetTolerations',
  'linuxTolerations',
  'windowsTolerations',
  'metadataTries',
  'enableSpotInterruptionDraining',
  'enableScheduledEventDraining',
  'enableRebalanceMonitoring',
  'enableRebalanceDraining',
];

/** Node labels that mark Spot capacity, by who sets them. */
const SPOT_SELECTORS: Array<[key: string, value: string]> = [
  ['karpenter.sh/capacity-type', 'spot'],
  ['eks.amazonaws.com/capacityType', 'SPOT'],
  ['node.kubernetes.io/lifecycle', 'spot'],
  ['node-lifecycle', 'spot'],
  ['lifecycle', 'Ec2Spot'],
];

type MapTree = Extract<ValueTree, { kind: 'map' }>;

const entry = (tree: ValueTree | undefined, key: string) =>
  tree?.kind === 'map' ? tree.entries.find((e) => e.key === key) : undefined;

const scalar = (tree: ValueTree | undefined, key: string): unknown => {
  const found = entry(tree, key)?.value;
  return found?.kind === 'scalar' ? found.value : undefined;
};

const truthy = (value: unknown): boolean => value === true || value === 'true';
const falsy = (value: unknown): boolean => value === false || value === 'false';

const queueMode = (values: MapTree): boolean => truthy(scalar(values, 'enableSqsTerminationDraining'));

const spanFor = (nth: NthValuesModel, key: string): Span => entry(nth.values, key)?.keySpan ?? nth.ref.span;

/** Every key path under a tree, for spotting `karpenter.sh/…` labels anywhere in selectors and affinity. */
function mentions(tree: ValueTree | undefined, needle: RegExp): boolean {
  if (!tree) return false;
  if (tree.kind === 'scalar') return typeof tree.value === 'string' && needle.test(tree.value);
  if (tree.kind === 'seq') return tree.items.some((item) => mentions(item, needle));
  return tree.entries.some((e) => needle.test(e.key) || mentions(e.value, needle));
}

const SELECTOR_KEYS = ['nodeSelector', 'daemonsetNodeSelector', 'linuxNodeSelector'];
const AFFINITY_KEYS = ['affinity', 'daemonsetAffinity', 'linuxAffinity'];

function selectsSpot(values: MapTree): boolean {
  const selectors = SELECTOR_KEYS.map((key) => entry(values, key)?.value);
  const bySelector = selectors.some((selector) =>
    SPOT_SELECTORS.some(([key, value]) => {
      const found = entry(selector, key)?.value;
      return found?.kind === 'scalar' && String(found.value).toLowerCase() === value.toLowerCase();
    }),
  );
  const byAffinity = AFFINITY_KEYS.some((key) =>
    mentions(entry(values, key)?.value, /capacity-?type|lifecycle/i),
  );
  return bySelector || byAffinity;
}

const imdsKeysInQueueMode: Rule = {
  id: 'nth-imds-keys-in-queue-mode',
  severity: 'warning',
  summary: 'IMDS-mode settings have no effect when NTH runs in queue-processor mode.',
  fix: 'Remove the IMDS-only keys, or configure the same behaviour through EventBridge rules for the queue.',
  check: ({ set }) =>
    set.nthValues
      .filter((nth) => queueMode(nth.values))
      .flatMap((nth) =>
        nth.values.entries
          .filter((e) => NTH_IMDS_ONLY_KEYS.includes(e.key))
          .map((e): Hit => ({
            file: nth.ref.file,
            span: e.keySpan,
            message: `${e.key} is read only in IMDS mode; with enableSqsTerminationDraining: true it is ignored`,
          })),
      ),
};

const queueUrlMissing: Rule = {
  id: 'nth-queue-url-missing',
  severity: 'error',
  summary: 'Queue-processor mode needs queueURL.',
  fix: 'Set queueURL to the SQS queue that receives the EventBridge interruption events.',
  check: ({ set }) =>
    set.nthValues
      .filter((nth) => queueMode(nth.values))
      .filter((nth) => {
        const url = scalar(nth.values, 'queueURL');
        return typeof url !== 'string' || url.trim() === '';
      })
      .map((nth) => ({
        file: nth.ref.file,
        span: spanFor(nth, 'enableSqsTerminationDraining'),
        message: 'enableSqsTerminationDraining is true but queueURL is not set; NTH has no queue to read',
      })),
};

const drainLoop: Rule = {
  id: 'nth-drain-loop',
  severity: 'warning',
  summary: 'NTH draining Karpenter nodes duplicates Karpenter’s native interruption handling.',
  fix: 'Let Karpenter handle interruptions (its interruption queue) and remove NTH, or set enableSpotInterruptionDraining: false and enableRebalanceDraining: false.',
  check: ({ set }) =>
    set.nthValues.flatMap((nth): Hit[] => {
      if (queueMode(nth.values)) return [];
      const onKarpenterNodes =
        set.nodePools.length > 0 ||
        SELECTOR_KEYS.concat(AFFINITY_KEYS).some((key) =>
          mentions(entry(nth.values, key)?.value, /karpenter\.(sh|k8s\.aws)\//),
        );
      if (!onKarpenterNodes) return [];
      const drainsInterruptions = !falsy(scalar(nth.values, 'enableSpotInterruptionDraining'));
      const drainsRebalance = truthy(scalar(nth.values, 'enableRebalanceDraining'));
      if (!drainsInterruptions && !drainsRebalance) return [];
      const what = [
        drainsInterruptions && 'Spot interruptions',
        drainsRebalance && 'rebalance recommendations',
      ]
        .filter(Boolean)
        .join(' and ');
      return [
        {
          file: nth.ref.file,
          span: spanFor(nth, drainsRebalance ? 'enableRebalanceDraining' : 'enableSpotInterruptionDraining'),
          message: `NTH drains Karpenter nodes on ${what}; Karpenter relaunches the same types and NTH drains them again`,
        },
      ];
    }),
};

const spotNodeSelectorMissing: Rule = {
  id: 'nth-spot-node-selector-missing',
  severity: 'warning',
  summary: 'In IMDS mode NTH should run only on Spot nodes (nodeSelector on the capacity-type label).',
  fix: 'Set nodeSelector: {karpenter.sh/capacity-type: spot} (or your node group’s Spot label).',
  check: ({ set }) =>
    set.nthValues
      // With Karpenter NodePools in the same input, nth-drain-loop gives the better advice.
      .filter((nth) => set.nodePools.length === 0 && !queueMode(nth.values) && !selectsSpot(nth.values))
      .map((nth) => ({
        file: nth.ref.file,
        span: spanFor(nth, 'nodeSelector'),
        message:
          'NTH runs in IMDS mode on every node, On-Demand included; no nodeSelector limits it to Spot nodes',
      })),
};

export const NTH_RULES: Rule[] = [imdsKeysInQueueMode, queueUrlMissing, drainLoop, spotNodeSelectorMissing];
