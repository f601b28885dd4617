/**
 * EC2 vCPU quota buckets: which Service Quotas code an instance family counts against, per capacity type.
 * Codes are the fallback table; quota-check resolves them at runtime from ListServiceQuotas by name.
 */

export type QuotaMarket = 'spot' | 'on-demand';

export interface QuotaBucket {
  /** Stable id, e.g. `standard`, `g-vt`, `p`, `p5`. */
  id: string;
  /** Display name, e.g. `Standard (A, C, D, H, I, M, R, T, Z)`. */
  label: string;
  onDemand?: { code: string; name: string };
  spot?: { code: string; name: string };
}

export const QUOTA_BUCKETS: QuotaBucket[] = [
  {
    id: 'standard',
    label: 'Standard (A, C, D, H, I, M, R, T, Z)',
    onDemand: {
      code: 'L-1216C47A',
      name: 'Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances',
    },
    spot: { code: 'L-34B43A08', name: 'All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests' },
  },
  {
    id: 'g-vt',
    label: 'G and VT',
    onDemand: { code: 'L-DB2E81BA', name: 'Running On-Demand G and VT instances' },
    spot: { code: 'L-3819A6DF', name: 'All G and VT Spot Instance Requests' },
  },
  {
    id: 'p',
    label: 'P',
    onDemand: { code: 'L-417A185B', name: 'Running On-Demand P instances' },
    spot: { code: 'L-7212CCBC', name: 'All P4, P3 and P2 Spot Instance Requests' },
  },
  {
    // On-Demand P5 shares the P quota; Spot P5 has its own.
    id: 'p5',
    label: 'P5',
    onDemand: { code: 'L-417A185B', name: 'Running On-Demand P instances' },
    spot: { code: 'L-C4BD4855', name: 'All P5 Spot Instance Requests' },
  },
  {
    id: 'x',
    label: 'X',
    onDemand: { code: 'L-7295265B', name: 'Running On-Demand X instances' },
    spot: { code: 'L-E3A00192', name: 'All X Spot Instance Requests' },
  },
  {
    id: 'f',
    label: 'F',
    onDemand: { code: 'L-74FC7D96', name: 'Running On-Demand F instances' },
    spot: { code: 'L-88CF9481', name: 'All F Spot Instance Requests' },
  },
  {
    id: 'inf',
    label: 'Inf',
    onDemand: { code: 'L-1945791B', name: 'Running On-Demand Inf instances' },
    spot: { code: 'L-B5D1601B', name: 'All Inf Spot Instance Requests' },
  },
  {
    id: 'dl',
    label: 'DL',
    onDemand: { code: 'L-6E869C2A', name: 'Running On-Demand DL instances' },
    spot: { code: 'L-85EED4F7', name: 'All DL Spot Instance Requests' },
  },
  {
    id: 'trn',
    label: 'Trn',
    onDemand: { code: 'L-2C3B7624', name: 'Running On-Demand Trn instances' },
    spot: { code: 'L-6B0D517C', name: 'All Trn Spot Instance Requests' },
  },
  {
    id: 'high-memory',
    label: 'High Memory',
    onDemand: { code: 'L-43DA4232', name: 'Running On-Demand High Memory instances' },
  },
  {
    id: 'hpc',
    label: 'HPC',
    onDemand: { code: 'L-F7808C92', name: 'Running On-Demand HPC instances' },
  },
];

/**
 * Family prefixes, longest first: multi-letter families with their own quota must win over their first
 * letter (`dl` before `d`, `inf` before `i`, `trn` before `t`, `vt`/`gr` → G).
 */
const PREFIXES: ReadonlyArray<readonly [prefix: string, bucket: string]> = (
  [
    ['u7in-', 'high-memory'],
    ['u7i-', 'high-memory'],
    ['u-', 'high-memory'],
    ['hpc', 'hpc'],
    ['trn', 'trn'],
    ['inf', 'inf'],
    ['dl', 'dl'],
    ['vt', 'g-vt'],
    ['gr', 'g-vt'],
    ['p5', 'p5'],
    ['p', 'p'],
    ['g', 'g-vt'],
    ['x', 'x'],
    ['f', 'f'],
    ...['a', 'c', 'd', 'h', 'i', 'm', 'r', 't', 'z'].map((letter): [string, string] => [letter, 'standard']),
  ] as Array<[string, string]>
).sort((a, b) => b[0].length - a[0].length);

const BY_ID = new Map(QUOTA_BUCKETS.map((bucket) => [bucket.id, bucket]));

/** The quota bucket for an instance type or family name; undefined for families with no vCPU quota (mac). */
export function quotaBucketFor(instanceTypeOrFamily: string): QuotaBucket | undefined {
  const name = instanceTypeOrFamily.toLowerCase();
  if (name.startsWith('mac')) return undefined; // Dedicated Hosts only: no Spot, no vCPU quota
  const match = PREFIXES.find(([prefix]) => name.startsWith(prefix));
  return match ? BY_ID.get(match[1]) : undefined;
}

export function quotaBucketById(id: string): QuotaBucket | undefined {
  return BY_ID.get(id);
}
