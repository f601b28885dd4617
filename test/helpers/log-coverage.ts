/**
 * How much of what Karpenter and NTH can print explain-logs explains: one synthetic line per ERROR, WARN
 * and FATAL log template, and one per leaf error string (the end of an error chain), each explained on its
 * own, counted per release.
 */
import { explainLogs } from '../../src/core/explain-logs/analyse.js';
import type { Problem } from '../../src/core/explain-logs/result.js';
import { entryById } from '../../src/core/logs/knowledge/index.js';
import {
  entries,
  fill,
  karpenterLine,
  launchChain,
  minorsOf,
  minorText,
  nthLine,
  snapshotMinors,
  type MessageEntry,
  type Minor,
} from './synthetic-lines.js';

const LEVELS = new Set(['ERROR', 'WARN', 'FATAL', 'PANIC', 'DPANIC']);

export interface Miss {
  product: 'karpenter' | 'nth';
  kind: 'log' | 'leaf';
  template: string;
  file: string;
  line: string;
  problems: string[];
}

export interface CoverageRow {
  product: 'karpenter' | 'nth';
  version: string;
  logs: { total: number; explained: number };
  leaves: { total: number; explained: number };
}

export interface Coverage {
  rows: CoverageRow[];
  totals: Record<'karpenter' | 'nth', { logs: [number, number]; leaves: [number, number] }>;
  misses: Miss[];
}

/** Verbs as one mark: a line cannot tell `%s` from `%v` or `%w`. */
const shape = (template: string): string =>
  template
    .split('\n')[0]!
    .trim()
    .replace(/%[-+# 0]*\d*(?:\.\d+)?[a-zA-Z]/g, '%');

/**
 * Whether the result explains the line: nothing left unrecognised, and a problem about it — a specific
 * entry (not one that recognises the outer message only), or the line's own template.
 */
function explainedBy(problems: Problem[], unrecognised: number, template: string): boolean {
  if (unrecognised > 0) return false;
  return problems.some((p) => {
    const entry = entryById(p.id);
    if (!entry || entry.activity) return false;
    return p.template ? shape(p.template.text) === shape(template) : !entry.generic;
  });
}

async function explains(line: string, template: string): Promise<{ ok: boolean; problems: string[] }> {
  const result = await explainLogs([{ name: 'synthetic', chunks: [Buffer.from(`${line}\n`)] }]);
  return {
    ok: explainedBy(result.problems, result.unrecognized.total, template),
    problems: result.problems.map((p) => p.id),
  };
}

const isLeaf = (e: MessageEntry): boolean =>
  e.kind === 'error' &&
  !!e.template &&
  !e.template.includes('%w') &&
  /[A-Za-z]{4}/.test(e.template.replace(/%\w/g, ''));

export async function logCoverage(): Promise<Coverage> {
  const karpenter = [...entries('messages.karpenter.json'), ...entries('messages.karpenter-deps.json')];
  const nth = entries('messages.nth.json');
  const kMinors = snapshotMinors('messages.karpenter.json', 'provider-aws');
  const nMinors = snapshotMinors('messages.nth.json', 'nth');
  const rows = new Map<string, CoverageRow>();
  const row = (product: 'karpenter' | 'nth', m: Minor): CoverageRow => {
    const key = `${product} ${minorText(m)}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        product,
        version: minorText(m),
        logs: { total: 0, explained: 0 },
        leaves: { total: 0, explained: 0 },
      };
      rows.set(key, r);
    }
    return r;
  };
  const misses: Miss[] = [];
  const seen = new Set<string>();

  // Log templates: Karpenter's own (provider and core) and NTH's, in the format of each release.
  for (const [product, list, minors] of [
    ['karpenter', karpenter.filter((e) => e.repo === 'provider-aws' || e.repo === 'core'), kMinors],
    ['nth', nth, nMinors],
  ] as const) {
    for (const entry of list) {
      if (entry.kind !== 'log' || !entry.level || !LEVELS.has(entry.level) || !entry.template) continue;
      const key = `${product} log ${entry.level} ${entry.template}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const message = fill(entry.template);
      const error = entry.keys?.includes('error') ? 'dial tcp 10.100.0.1:443: i/o timeout' : undefined;
      const byEra = new Map<string, { ok: boolean; line: string; problems: string[] }>();
      for (const m of minorsOf(entry, minors)) {
        const lines =
          product === 'karpenter'
            ? [karpenterLine(m, entry.level, message, error)]
            : m[1] < 4 && m[0] === 1
              ? [nthLine(m, entry.level, message, error)]
              : [nthLine(m, entry.level, message, error), nthLine(m, entry.level, message, error, true)];
        const era = lines.map((l) => l.replace(/^\S+/, '')).join('\n');
        let verdict = byEra.get(era);
        if (!verdict) {
          const results = await Promise.all(lines.map((l) => explains(l, entry.template!)));
          verdict = {
            ok: results.every((r) => r.ok),
            line: lines[results.findIndex((r) => !r.ok)] ?? lines[0]!,
            problems: results.flatMap((r) => r.problems),
          };
          byEra.set(era, verdict);
          if (!verdict.ok)
            misses.push({
              product,
              kind: 'log',
              template: entry.template,
              file: entry.file,
              line: verdict.line,
              problems: verdict.problems,
            });
        }
        const r = row(product, m);
        r.logs.total += 1;
        if (verdict.ok) r.logs.explained += 1;
      }
    }
  }

  // Leaf error strings of Karpenter (provider and core), at the end of a launch error chain.
  for (const entry of karpenter.filter(
    (e) => (e.repo === 'provider-aws' || e.repo === 'core') && isLeaf(e),
  )) {
    const key = `karpenter leaf ${entry.template}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = JSON.stringify({
      level: 'ERROR',
      time: '2024-05-06T10:11:12.345Z',
      logger: 'controller',
      message: 'Reconciler error',
      commit: '0000000',
      controller: 'nodeclaim.lifecycle',
      error: launchChain(fill(entry.template!)),
    });
    const verdict = await explains(line, entry.template!);
    if (!verdict.ok)
      misses.push({
        product: 'karpenter',
        kind: 'leaf',
        template: entry.template!,
        file: entry.file,
        line,
        problems: verdict.problems,
      });
    for (const m of minorsOf(entry, kMinors)) {
      const r = row('karpenter', m);
      r.leaves.total += 1;
      if (verdict.ok) r.leaves.explained += 1;
    }
  }

  const totals = {
    karpenter: { logs: [0, 0], leaves: [0, 0] },
    nth: { logs: [0, 0], leaves: [0, 0] },
  } as Coverage['totals'];
  const distinct = new Map<string, boolean>();
  for (const miss of misses) distinct.set(`${miss.product} ${miss.kind} ${miss.template}`, false);
  for (const key of seen) {
    const [product, kind] = key.split(' ') as ['karpenter' | 'nth', string];
    const t = kind === 'leaf' ? totals[product].leaves : totals[product].logs;
    t[1] += 1;
    const missed = [...distinct.keys()].some(
      (k) =>
        key.endsWith(k.split(' ').slice(2).join(' ')) &&
        k.startsWith(`${product} ${kind === 'leaf' ? 'leaf' : 'log'}`),
    );
    if (!missed) t[0] += 1;
  }
  const order = (v: string) => v.slice(1).split('.').map(Number) as [number, number];
  const sorted = [...rows.values()].sort((a, b) => {
    const [x, y] = [order(a.version), order(b.version)];
    return a.product.localeCompare(b.product) || x[0] - y[0] || x[1] - y[1];
  });
  return { rows: sorted, totals, misses };
}
