/**
 * The answers `spotctl init` collects and the complete configuration its files are made from. Answers may be
 * partial (flags, prompts); a config is whole, defaulted and validated.
 */
import type { CapacityStrategy } from '../suggest/suggest.js';

export type { CapacityStrategy };
export type ApiVersion = 'v1' | 'v1alpha5';
export type Workload = 'gpu' | 'general';
/** With Spot and On-Demand: one pool allowing both, or a weighted Spot pool plus an On-Demand pool. */
export type FallbackShape = 'single-pool' | 'weighted-pools';
export type InterruptionMode = 'native' | 'nth-imds' | 'nth-queue';
/** What NTH in IMDS mode does on a rebalance recommendation. */
export type RebalanceAction = 'drain' | 'cordon' | 'off';
export type ConsolidationPolicy = 'WhenEmpty' | 'WhenEmptyOrUnderutilized';
/** v1alpha5: an AWSNodeTemplate referenced by `providerRef`, or the deprecated inline `provider` block. */
export type ProviderStyle = 'node-template' | 'inline';
/** The device-plugin resource a GPU pool is limited and tainted on. */
export type GpuResource = 'nvidia.com/gpu' | 'amd.com/gpu';

export const API_VERSIONS: readonly ApiVersion[] = ['v1', 'v1alpha5'];
export const WORKLOADS: readonly Workload[] = ['gpu', 'general'];
export const CAPACITY_STRATEGIES: readonly CapacityStrategy[] = ['spot-and-on-demand', 'spot', 'on-demand'];
export const FALLBACK_SHAPES: readonly FallbackShape[] = ['single-pool', 'weighted-pools'];
export const INTERRUPTION_MODES: readonly InterruptionMode[] = ['native', 'nth-imds', 'nth-queue'];
export const REBALANCE_ACTIONS: readonly RebalanceAction[] = ['drain', 'cordon', 'off'];
export const CONSOLIDATION_CHOICES = ['when-empty', 'when-empty-or-underutilized'] as const;
export type ConsolidationChoice = (typeof CONSOLIDATION_CHOICES)[number];

/** What a pod of the workload needs; used to check the chosen types and to let suggestions go smaller. */
export interface PodNeeds {
  vcpus?: number;
  memoryGiB?: number;
  gpus?: number;
}

/**
 * Everything init can be told, one field per question of the table in `questions.ts` (each has a flag).
 * Absent fields take the table's defaults, or are asked.
 */
export interface InitAnswers {
  region?: string;
  clusterName?: string;
  /** Base name of the NodePool/Provisioner and its node class. */
  name?: string;
  workload?: Workload;
  /** What a pod needs: checks the chosen types and lets suggestions go smaller. */
  podVcpus?: number;
  podMemoryGiB?: number;
  podGpus?: number;
  /** Seed instance types (exclusive with families). */
  types?: string[];
  families?: string[];
  sizes?: string[];
  /** Instance categories (`c`, `m`, `r`), of generation 3 or later: Karpenter's getting-started default. */
  categories?: string[];
  /** Suggested types the user accepted, added after the seeds. */
  addedTypes?: string[];
  capacity?: CapacityStrategy;
  fallback?: FallbackShape;
  /** `none` removes the limit. cpu in cores, memory a quantity (`1000Gi`), gpu a count. */
  cpuLimit?: string;
  memoryLimit?: string;
  gpuLimit?: string;
  consolidation?: ConsolidationChoice;
  consolidateAfter?: string;
  expireAfter?: string;
  budgetNodes?: string;
  api?: ApiVersion;
  provider?: ProviderStyle;
  nodeRole?: string;
  instanceProfile?: string;
  amiAlias?: string;
  interruption?: InterruptionMode;
  interruptionQueue?: string;
  nthQueueUrl?: string;
  nthRebalance?: RebalanceAction;
  nthPrometheus?: boolean;
  /** NTH queue mode: IAM role for its service account (IRSA). */
  nthRoleArn?: string;
  outputDir?: string;
}

export type AnswerKey = keyof InitAnswers;

/** The pod's needs from the flat answers. */
export const podNeeds = (answers: InitAnswers): PodNeeds => ({
  ...(answers.podVcpus !== undefined ? { vcpus: answers.podVcpus } : {}),
  ...(answers.podMemoryGiB !== undefined ? { memoryGiB: answers.podMemoryGiB } : {}),
  ...(answers.podGpus !== undefined ? { gpus: answers.podGpus } : {}),
});

/** Facts about the chosen instance types, from the catalog, that the config depends on. */
export interface TypeFacts {
  instanceType: string;
  vcpus: number;
  memoryMiB: number;
  architectures: string[];
  gpu?: { count: number; manufacturer: string };
}

export interface InitConfig {
  region: string;
  clusterName: string;
  name: string;
  workload: Workload;
  pod: PodNeeds;
  /** Final instance-type list (seeds, then accepted suggestions); empty when families are used. */
  instanceTypes: string[];
  families: string[];
  sizes: string[];
  /** Instance categories, with `generationAbove`, when neither types nor families were chosen. */
  categories: string[];
  generationAbove?: number;
  /** Kubernetes arch label values (`amd64`, `arm64`) the types support. */
  architectures: string[];
  capacity: CapacityStrategy;
  fallback: FallbackShape;
  limits: { cpu?: string; memory?: string; gpu?: number };
  /** GPU pools: the resource limited and tainted on. */
  gpuResource?: GpuResource;
  disruption: { consolidationPolicy: ConsolidationPolicy; consolidateAfter: string; budgetNodes: string };
  /** Node lifetime: `720h` (Karpenter v1's default), `Never`, or a duration. */
  expireAfter: string;
  api: ApiVersion;
  provider: ProviderStyle;
  /** v1 EC2NodeClass: exactly one of role / instanceProfile. */
  nodeRole?: string;
  instanceProfile?: string;
  amiAlias: string;
  interruption: {
    mode: InterruptionMode;
    /** Native mode: the SQS queue NAME (never an ARN or URL). */
    queueName?: string;
    /** NTH queue mode: the SQS queue URL NTH polls. */
    queueUrl?: string;
    rebalance: RebalanceAction;
    prometheus: boolean;
    /** NTH queue mode: IRSA role ARN for its service account. */
    roleArn?: string;
  };
  outputDir: string;
}
