/**
 * Synthetic log lines for every message Karpenter and NTH can print, built from the upstream dataset
 * (../shared/reference/karpenter-source) on their own — not from spotctl's derived data or matcher — with
 * realistic values in the format the version writes: zap console up to v0.31, JSON from v0.32, NTH's Go
 * log (v1.0–v1.3), zerolog console and JSON.
 */
import type { MessageEntry } from '../../scripts/derive-log-knowledge.js';
import { readSharedData as readSharedJson } from './shared-data.js';

// The dataset's entry type only: the lines are still built without spotctl's derived data or matcher.
export type { MessageEntry };

export type Minor = [number, number];

export const minorOf = (version: string): Minor => {
  const m = /^v?(\d+)\.(\d+)/.exec(version)!;
  return [Number(m[1]), Number(m[2])];
};
export const minorText = (m: Minor): string => `v${m[0]}.${m[1]}`;
const cmp = (a: Minor, b: Minor): number => a[0] - b[0] || a[1] - b[1];

export const entries = (file: string): MessageEntry[] =>
  readSharedJson<{ entries: MessageEntry[] }>('reference/karpenter-source', file).entries;

/** The minor releases an entry is printed by (for core and dependencies: the provider releases). */
export function minorsOf(entry: MessageEntry, all: Minor[]): Minor[] {
  const nth = entry.repo === 'nth';
  const first = minorOf(nth ? entry.firstVersion : (entry.providerFirst ?? entry.firstVersion));
  const last = minorOf(nth ? entry.lastVersion : (entry.providerLast ?? entry.lastVersion));
  return all.filter((m) => cmp(m, first) >= 0 && cmp(m, last) <= 0);
}

/** The minor releases of the snapshots the dataset read, from its header. */
export function snapshotMinors(file: string, repo: string): Minor[] {
  const header = readSharedJson<{ snapshots: Record<string, Array<{ version: string }>> }>(
    'reference/karpenter-source',
    file,
  );
  return header.snapshots[repo]!.map((s) => minorOf(s.version));
}

/** A value a person would see in place of a verb, chosen by the words before it. */
function valueFor(verb: string, before: string): string {
  const letter = verb[verb.length - 1]!;
  if (letter === 'd') return '3';
  if (letter === 't') return 'true';
  if (letter === 'f' || letter === 'g') return '0.50';
  if (letter === 'T') return '*v1.Pod';
  if (letter === 'w') return 'dial tcp 10.100.0.1:443: i/o timeout';
  const words = before.toLowerCase();
  const value = /instance[- ]?types?\s*\S*$/.test(words)
    ? 'm5.large'
    : /zone\s*\S*$/.test(words)
      ? 'us-west-2a'
      : /(?:nodepool|provisioner)\S*\s*$/.test(words)
        ? 'default'
        : /node(?:claim)?\s*\S*$/.test(words)
          ? 'ip-10-0-12-34.us-west-2.compute.internal'
          : /pod\s*\S*$/.test(words)
            ? 'default/web-7d4b9c-x2k4p'
            : /subnet\S*\s*$/.test(words)
              ? 'subnet-0a1b2c3d4e5f67890'
              : /instance\s*\S*$/.test(words)
                ? 'i-0123456789abcdef0'
                : /(?:event|kind)\S*\s*$/.test(words)
                  ? 'SPOT_ITN'
                  : 'example-7f4d';
  return letter === 'q' ? `"${value}"` : value;
}

/** The template with every verb replaced by a value (first line only: later lines are their own records). */
export function fill(template: string): string {
  const line = template.split('\n')[0]!.trim();
  let out = '';
  let last = 0;
  for (const m of line.matchAll(/%[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])/g)) {
    out += line.slice(last, m.index);
    out += m[1] === '%' ? '%' : valueFor(m[0], out);
    last = m.index! + m[0].length;
  }
  return out + line.slice(last);
}

const TIME = '2024-05-06T10:11:12.345Z';
const COMMIT = '0000000';
const NTH_LEVEL: Record<string, string> = {
  ERROR: 'ERR',
  WARN: 'WRN',
  FATAL: 'FTL',
  INFO: 'INF',
  DEBUG: 'DBG',
};

/** A Karpenter log line of `level` with `message` (and an error), as release `minor` writes it. */
export function karpenterLine(minor: Minor, level: string, message: string, error?: string): string {
  if (cmp(minor, [0, 32]) < 0) {
    const fields =
      error === undefined ? `{"commit": "${COMMIT}"}` : JSON.stringify({ commit: COMMIT, error });
    return `${TIME}\t${level}\tcontroller.provisioning\t${message}\t${fields}`;
  }
  return JSON.stringify({
    level,
    time: TIME,
    logger: 'controller',
    message,
    commit: COMMIT,
    ...(error === undefined ? {} : { error }),
  });
}

/** An NTH line, as release `minor` writes it; `json`: with `jsonLogging` on. */
export function nthLine(minor: Minor, level: string, message: string, error?: string, json = false): string {
  const noLevel = level === 'NOLEVEL' || level === 'PRINT';
  if (json)
    return JSON.stringify({
      ...(noLevel ? {} : { level: level.toLowerCase() }),
      time: '2024-05-06T10:11:12Z',
      message,
      ...(error === undefined ? {} : { error }),
    });
  if (cmp(minor, [1, 4]) < 0 || level === 'PRINT')
    return `2024/05/06 10:11:12 ${message}${error === undefined ? '' : `: ${error}`}`;
  const tag = noLevel ? '???' : (NTH_LEVEL[level] ?? 'INF');
  return `2024/05/06 10:11:12 ${tag} ${message}${error === undefined ? '' : ` error="${error}"`}`;
}

/** The error chain a leaf error ends, as a NodeClaim launch logs it. */
export const launchChain = (leaf: string): string => `launching nodeclaim, creating instance, ${leaf}`;
