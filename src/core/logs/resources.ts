/**
 * What a record names: instance types, zones, capacity types, NodePools, subnets, denied IAM actions.
 * Structured fields win; the text is scanned only for records the knowledge base matched.
 */
import { resourceFields } from './json-fields.js';
import type { LogRecord } from './types.js';

const INSTANCE_TYPE =
  /\b(u-\d+tb\d|[a-z]+\d[a-z0-9-]*)\.(nano|micro|small|medium|large|\d{0,2}xlarge|metal(?:-\d+xl)?)\b/g;
const ZONE = /\b([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d[a-z](?:-[a-z]+-\d[a-z])?)\b/g;
const CAPACITY_TEXT = /(?:capacityType: |capacity-type"?:\s*"?|\/)(spot|on-demand|reserved)\b/g;
const CAPACITY_REQUIREMENT = /karpenter\.sh\/capacity-type In \[([a-z -]+)\]/g;
const NODEPOOL_TEXT =
  /(?:nodepool|provisioner)(?::)? "([^"\s]+)"|karpenter\.sh\/(?:nodepool|provisioner-name) In \[([^\]]+)\]/g;
const SUBNET = /\bsubnet-[0-9a-f]{8,17}\b/g;
const IAM_ACTION = /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9*]+)/g;
const IAM_ROLE = /on resource: (arn:aws[a-z-]*:iam::[^\s:]*:role\/[^\s]+?)(?= |$)/g;
const VCPU_LIMIT = /vCPU limit of (\d+)/;
const INSTANCE_ID = /\bi-(?:[0-9a-f]{8}|[0-9a-f]{17})\b/g;
/** EC2 private DNS names (`ip-10-0-1-2.ec2.internal`) and NTH's `node_name=` / `node-name=` fields. */
const NODE_NAME =
  /\b(ip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}(?:\.[a-z0-9-]+)*\.(?:internal|compute\.internal))\b|node[_-]name=["']?([^\s"']+)/g;
/** The first frame of a Go stack that is not the runtime's own: `function` and `file.go:line`. */
const FIRST_FRAME =
  /goroutine \d+ \[[^\]]*\]:\n(?:(?:panic\(|runtime\.|sigs\.k8s\.io\/controller-runtime\/pkg\/internal\/controller\.\(\*Controller\)\.(?:Reconcile|reconcileHandler)\.func)[^\n]*\n\s+[^\n]*\n)*([^\n]+)\n\s+(\S+\.go:\d+)/;

export interface Extracted {
  instanceTypes: string[];
  zones: string[];
  capacityTypes: string[];
  nodePools: string[];
  subnets: string[];
  iamActions: string[];
  iamRoles: string[];
  nodeClaims: string[];
  nodes: string[];
  instanceIds: string[];
  /** The first frame of a crash's stack: `function (file.go:123)`. */
  frame?: string;
  vcpuLimit?: number;
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;
const nameOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null ? str((value as { name?: unknown }).name) : str(value);

const collect = (re: RegExp, text: string, group = 1): string[] => {
  re.lastIndex = 0;
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const value = m[group];
    if (value) out.push(value);
  }
  return out;
};

const uniq = (values: Array<string | undefined>): string[] => [
  ...new Set(values.filter((v): v is string => v !== undefined)),
];

const lowerOrDigit = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
/** `\n`, `\r`, U+2028, U+2029: what a regex's `.` does not match. */
const lineTerminator = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * The NodePool a NodeClaim name belongs to: names are `<nodepool>-<5 random characters>`, i.e.
 * `/^(.+)-[a-z0-9]{5}$/`, tested by hand (it runs on every record that names a NodeClaim).
 */
export function nodePoolOfNodeClaim(name: string): string | undefined {
  const cut = name.length - 6;
  if (cut < 1 || name.charCodeAt(cut) !== 45 /* - */) return undefined;
  for (let i = cut + 1; i < name.length; i += 1) if (!lowerOrDigit(name.charCodeAt(i))) return undefined;
  // The regex's `.` matches no line terminator.
  for (let i = 0; i < cut; i += 1) if (lineTerminator(name.charCodeAt(i))) return undefined;
  return name.slice(0, cut);
}

/** Text of a record the knowledge base and the extractors read: message, error, continuation lines. */
export const recordText = (record: LogRecord): string => {
  let text = record.message;
  if (record.error) text = text ? `${text}\n${record.error}` : record.error;
  if (record.continuation) text = `${text}\n${record.continuation}`;
  return text;
};

/** EC2's ICE message ends by naming zones that DO have capacity; those are not affected zones. */
const AVAILABLE_ELSEWHERE = /You can currently get [^;\n]*/g;

/** What the text alone names; depends only on the text, so callers may cache it by text. */
export type TextResources = Omit<Extracted, 'nodeClaims' | 'nodes'> & { nodes: string[] };

export function extractTextResources(fullText: string): TextResources {
  const text = fullText.includes('You can currently get')
    ? fullText.replace(AVAILABLE_ELSEWHERE, '')
    : fullText;
  const limit = VCPU_LIMIT.exec(text);
  return {
    instanceTypes: uniq(collect(INSTANCE_TYPE, text, 0)),
    zones: uniq(collect(ZONE, text)),
    capacityTypes: uniq([
      ...collect(CAPACITY_TEXT, text),
      ...collect(CAPACITY_REQUIREMENT, text).flatMap((list) => list.split(' ')),
    ]).filter((value) => value === 'spot' || value === 'on-demand' || value === 'reserved'),
    nodePools: uniq([
      ...collect(NODEPOOL_TEXT, text).flatMap((value) => value.split(' ')),
      ...collect(NODEPOOL_TEXT, text, 2).flatMap((value) => value.split(' ')),
    ]),
    subnets: uniq(collect(SUBNET, text, 0)),
    iamActions: uniq(collect(IAM_ACTION, text)),
    iamRoles: uniq(collect(IAM_ROLE, text)),
    nodes: uniq([...collect(NODE_NAME, text), ...collect(NODE_NAME, text, 2)]),
    instanceIds: uniq(collect(INSTANCE_ID, text, 0)),
    frame: firstFrame(text),
    vcpuLimit: limit ? Number(limit[1]) : undefined,
  };
}

/** Text resources plus what the record's structured fields name. */
export function extractResources(record: LogRecord, t: TextResources): Extracted {
  const f = resourceFields(record);
  // Pushed one by one, not filtered from literals: this runs for every record that names a resource.
  const nodeClaims: string[] = [];
  push(nodeClaims, nameOf(f.NodeClaim));
  push(nodeClaims, str(f.nodeclaim));
  push(nodeClaims, nameOf(f.Machine));
  push(nodeClaims, str(f.machine));
  const nodePools: string[] = [];
  push(nodePools, str(f.nodepool));
  push(nodePools, str(f.provisioner));
  push(nodePools, nameOf(f.NodePool));
  for (const name of nodeClaims) push(nodePools, nodePoolOfNodeClaim(name));
  const nodes: string[] = [];
  push(nodes, nameOf(f.Node));
  push(nodes, str(f.node));
  return {
    instanceTypes: merge(str(f['instance-type']), t.instanceTypes),
    zones: merge(str(f.zone), t.zones),
    capacityTypes: merge(str(f['capacity-type']), t.capacityTypes),
    nodePools: nodePools.length === 0 ? t.nodePools : union(nodePools, t.nodePools),
    subnets: t.subnets,
    iamActions: t.iamActions,
    iamRoles: t.iamRoles,
    nodeClaims,
    nodes: nodes.length === 0 ? t.nodes : union(nodes, t.nodes),
    instanceIds: merge(str(f['instance-id']) ?? str(f.instance), t.instanceIds),
    frame: t.frame,
    vcpuLimit: t.vcpuLimit,
  };
}

const push = (values: string[], value: string | undefined): void => {
  if (value !== undefined) values.push(value);
};

/** The distinct values of `a` then `b`, in order: `uniq([...a, ...b])` without a Set for lists this short. */
function union(a: string[], b: string[]): string[] {
  if (a.length + b.length > 16) return uniq([...a, ...b]);
  const out: string[] = [];
  for (const value of a) if (!out.includes(value)) out.push(value);
  for (const value of b) if (!out.includes(value)) out.push(value);
  return out;
}

/**
 * Prepend a field value to a cached list without copying when there is nothing to add. The list is most
 * often empty (a launch names its instance type in a field, not in its message): then no spread.
 */
const merge = (value: string | undefined, list: string[]): string[] =>
  value === undefined || list.includes(value) ? list : list.length === 0 ? [value] : [value, ...list];

function firstFrame(text: string): string | undefined {
  if (!text.includes('goroutine ')) return undefined;
  const m = FIRST_FRAME.exec(text);
  return m ? `${m[1]!.trim()} (${m[2]!.replace(/^.*\/(?=[^/]+\/[^/]+$)/, '')})` : undefined;
}

/** `3m0s`, `45s`, `1m30s`, `500ms` → seconds; undefined when not a Go duration. */
export function parseGoDuration(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?$/.exec(value.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
