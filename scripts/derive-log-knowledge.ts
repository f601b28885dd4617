/**
 * Derives the compact data `explain-logs` reads from the facts extracted from the Karpenter and NTH source
 * (../shared/reference/karpenter-source, see its README): every log, error and event template with its
 * level, source file and version range, compiled to a matcher; the build-commit → release map; the
 * constants and AWS error-code sets per version; the sections of the Karpenter docs pages kept beside them.
 * Writes src/data/log-templates.json, karpenter-releases.json, karpenter-facts.json and karpenter-docs.json.
 *
 * Usage: npm run data:logs [-- --source <karpenter-source dir>]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { templateRow, templateSlug, type TemplateData } from '../src/core/logs/template-data.js';

const args = process.argv.slice(2);
const sourceArg = args.indexOf('--source');
const source = resolve(
  sourceArg >= 0
    ? args[sourceArg + 1]!
    : join(process.env.SPOTCTL_SHARED_DIR ?? '../shared', 'reference/karpenter-source'),
);
const out = resolve('src/data');
const readJson = <T>(name: string): T => JSON.parse(readFileSync(join(source, name), 'utf8')) as T;

/** One message template of the upstream dataset (messages.*.json). */
export interface MessageEntry {
  repo: string;
  kind: string;
  level: string | null;
  template: string | null;
  reason?: string;
  keys?: string[];
  file: string;
  firstVersion: string;
  lastVersion: string;
  providerFirst?: string;
  providerLast?: string;
  dynamic?: boolean;
}

const REPO_CODE: Record<string, TemplateData['repo']> = {
  'provider-aws': 'aws',
  core: 'core',
  'controller-runtime': 'controller-runtime',
  'knative-pkg': 'knative',
  operatorpkg: 'operatorpkg',
  nth: 'nth',
};

/** `v0.27.8` → `0.27`: message ranges are at minor granularity (the latest patch of each minor was read). */
const minor = (version: string): string => {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`not a version: ${version}`);
  return `${m[1]}.${m[2]}`;
};
const compareMinor = (a: string, b: string): number => {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1! - b1! || a2! - b2!;
};

function templates(): TemplateData[] {
  const entries = [
    ...readJson<{ entries: MessageEntry[] }>('messages.karpenter.json').entries,
    ...readJson<{ entries: MessageEntry[] }>('messages.karpenter-deps.json').entries,
    ...readJson<{ entries: MessageEntry[] }>('messages.nth.json').entries,
  ];
  const byKey = new Map<string, TemplateData>();
  for (const entry of entries) {
    if (!entry.template || !['log', 'error', 'event'].includes(entry.kind)) continue;
    const product = entry.repo === 'nth' ? 'nth' : 'karpenter';
    // Core and dependency entries are matched by the provider releases that ship them.
    const first = minor(product === 'nth' ? entry.firstVersion : (entry.providerFirst ?? entry.firstVersion));
    const last = minor(product === 'nth' ? entry.lastVersion : (entry.providerLast ?? entry.lastVersion));
    const key = `${product}\u0000${entry.kind}\u0000${entry.template}`;
    const existing = byKey.get(key);
    const level = entry.level ?? (entry.kind === 'error' ? 'ERROR' : 'INFO');
    if (existing) {
      if (compareMinor(first, existing.versions[0]) < 0) existing.versions[0] = first;
      if (compareMinor(last, existing.versions[1]) > 0) existing.versions[1] = last;
      if (!existing.levels.includes(level)) existing.levels.push(level);
      for (const k of entry.keys ?? []) if (!existing.keys.includes(k)) existing.keys.push(k);
      // The newest file is the one to cite.
      if (compareMinor(last, existing.versions[1]) >= 0) {
        existing.file = entry.file;
        existing.ref = entry.lastVersion;
      }
      continue;
    }
    byKey.set(key, {
      id: '',
      product,
      repo: REPO_CODE[entry.repo] ?? 'core',
      kind: entry.kind as TemplateData['kind'],
      levels: [level],
      template: entry.template,
      ...(entry.reason ? { reason: entry.reason } : {}),
      file: entry.file,
      ref: entry.lastVersion,
      versions: [first, last],
      keys: [...(entry.keys ?? [])],
    });
  }
  const out = [...byKey.values()].sort(
    (a, b) =>
      a.product.localeCompare(b.product) ||
      a.kind.localeCompare(b.kind) ||
      a.template.localeCompare(b.template),
  );
  const ids = new Set<string>();
  for (const t of out) {
    const base = `${t.product === 'nth' ? 'nth' : 'k'}.${t.kind}.${templateSlug(t.template)}`;
    let id = base;
    for (let n = 2; ids.has(id); n += 1) id = `${base}.${n}`;
    ids.add(id);
    t.id = id;
  }
  return out;
}

/** Final release tags (vX.Y.Z), in semver order. */
const finalTags = (tags: Record<string, unknown>): string[] =>
  Object.keys(tags)
    .filter((tag) => /^v\d+\.\d+\.\d+$/.test(tag))
    .sort((a, b) => {
      const [x, y] = [a, b].map((t) => t.slice(1).split('.').map(Number));
      return x![0]! - y![0]! || x![1]! - y![1]! || x![2]! - y![2]!;
    });

function releases() {
  const tags = readJson<Record<string, Record<string, { commit: string; short: string }>>>('tags.json');
  const commits =
    readJson<Record<string, [string | null, string | null, string]>>('commits.provider-aws.json');
  const karpenter = finalTags(tags['provider-aws']!);
  const index = new Map(karpenter.map((tag, i) => [tag, i]));
  // One string per commit: `<commit><previous>,<released>` with tag indices (-1: none), joined by spaces —
  // a tenth of the JSON object it comes from. Sorted by code unit, the order the binary search compares in.
  const rows = Object.entries(commits)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([commit, [previous, released]]) => {
      const p = previous === null ? -1 : index.get(previous);
      const r = released === null ? -1 : index.get(released);
      if (p === undefined || r === undefined) throw new Error(`unknown tag for ${commit}`);
      return `${commit}${p},${r}`;
    });
  return {
    about:
      'Karpenter (aws/karpenter-provider-aws) build commits, as its logs print them (7 characters), and the releases around each: `<commit><previous>,<released>` with indices into `tags` (-1: none). Derived from karpenter-source commits.provider-aws.json and tags.json.',
    tags: karpenter,
    nthTags: finalTags(tags.nth!),
    commits: rows.join(' '),
  };
}

interface Fact {
  id: string;
  repo: string;
  description: string;
  firstVersion: string;
  lastVersion: string;
  values: Array<{ name: string; value: string; seconds?: number; number?: number }>;
}

interface CodeRange {
  firstVersion: string;
  lastVersion: string;
  constants?: Record<string, string>;
  sets?: Record<string, string[]>;
  classifiers?: Record<string, { codes?: string[]; sets?: string[]; messageContains?: string[] }>;
  toReasonMessage?: Array<{ when: string[]; reason: string }>;
}

function facts() {
  const constants = readJson<{ facts: Fact[] }>('constants.json').facts;
  const byId: Record<string, Array<[string, string, number]>> = {};
  for (const fact of constants) {
    const value = fact.values[0];
    const number = value?.seconds ?? value?.number;
    if (number === undefined) continue;
    (byId[fact.id] ??= []).push([fact.firstVersion.slice(1), fact.lastVersion.slice(1), number]);
  }
  const codes = readJson<{ ranges: CodeRange[] }>('aws-error-codes.json').ranges;
  const codeRanges = codes
    .filter((range) => range.sets || range.constants)
    .map((range) => ({
      versions: [range.firstVersion.slice(1), range.lastVersion.slice(1)],
      // SDK constants written `<pkg.Name>` are symbolic in the source; only literal codes are kept.
      sets: Object.fromEntries(
        Object.entries(range.sets ?? {}).map(([name, members]) => [
          name,
          members.filter((code) => !code.startsWith('<')),
        ]),
      ),
      classifiers: Object.fromEntries(
        Object.entries(range.classifiers ?? {}).map(([name, c]) => [
          name,
          {
            ...(c.codes ? { codes: c.codes } : {}),
            ...(c.sets ? { sets: c.sets } : {}),
            ...(c.messageContains ? { messageContains: c.messageContains } : {}),
          },
        ]),
      ),
      // Before the unfulfillable-capacity set (v0.5.0–v0.9.0) one constant named the only cached code.
      cachedCodes:
        range.sets?.unfulfillableCapacityErrorCodes ??
        (range.constants?.InsufficientCapacityErrorCode
          ? [range.constants.InsufficientCapacityErrorCode]
          : []),
      reasons: (range.toReasonMessage ?? []).map((rule) => rule.reason),
    }));
  return {
    about:
      'Karpenter constants (TTLs, timeouts, thresholds) and AWS error-code classification per release range, derived from karpenter-source constants.json and aws-error-codes.json. Ranges are [first, last] release, inclusive.',
    constants: byId,
    errorCodes: codeRanges,
  };
}

/**
 * The sections of the Karpenter documentation pages kept beside the source facts, as the anchors the
 * site gives their headings (lower case, punctuation dropped, spaces as hyphens), so entries can cite a
 * section and a test can check it exists.
 */
function docs() {
  const dir = resolve(source, '../karpenter-crds/docs-v1.14.1');
  const pages: Record<string, string[]> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const page = file.replace(/\.md$/, '').replace('_', '/');
    let fenced = false;
    const anchors: string[] = [];
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line.startsWith('```')) fenced = !fenced;
      const m = !fenced && /^#{2,6} (.+)$/.exec(line);
      if (!m) continue;
      anchors.push(
        m[1]!
          .trim()
          .toLowerCase()
          .replace(/[^a-z0-9 _-]/g, '')
          .replace(/ /g, '-'),
      );
    }
    pages[page] = anchors;
  }
  return {
    about:
      'Section anchors of the Karpenter v1.14.1 documentation pages (karpenter.sh/docs/<page>/#<anchor>), derived from karpenter-crds/docs-v1.14.1.',
    site: 'https://karpenter.sh/docs/',
    pages,
  };
}

/** One entry per line: diffs stay readable and `grep` finds whole entries. */
function writeLines(path: string, header: Record<string, unknown>, listKey: string, list: unknown[]): void {
  const head = JSON.stringify(header).slice(0, -1);
  const body = list.map((item) => JSON.stringify(item)).join(',\n');
  writeFileSync(path, `${head},"${listKey}":[\n${body}\n]}\n`);
}

const all = templates();
const header = {
  about:
    'Every log, error and Kubernetes-event template Karpenter (provider and core, with controller-runtime, knative and operatorpkg) and aws-node-termination-handler print: [id, product, repo, kind, levels, template, file, git ref of the release the file is cited at, first minor release, last minor release, keys, event reason]. Derived from karpenter-source messages.*.json; compiled to matchers when loaded (core/logs/template-data.ts).',
};
writeLines(join(out, 'log-templates.json'), header, 'templates', all.map(templateRow));
writeFileSync(join(out, 'karpenter-releases.json'), `${JSON.stringify(releases())}\n`);
writeFileSync(join(out, 'karpenter-facts.json'), `${JSON.stringify(facts(), null, 1)}\n`);
writeFileSync(join(out, 'karpenter-docs.json'), `${JSON.stringify(docs(), null, 1)}\n`);
process.stdout.write(`wrote ${all.length} templates, releases and facts to ${out}\n`);
