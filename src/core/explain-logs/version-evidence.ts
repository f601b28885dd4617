/**
 * What the log says about the releases that wrote it: the build commits Karpenter prints on every line,
 * versions it states at start-up, and the message templates that occur (each printed by known releases
 * only). Bounded; plain data, so it crosses a thread boundary.
 */
import { detach, fieldOf, jsonStringFieldBy } from '../logs/json-fields.js';
import type { LogRecord } from '../logs/types.js';

const MAX_COMMITS = 32;
const MAX_TEMPLATES = 2000;
/** `Initializing with version v0.16.3` (v0.8–v0.19 start-up). */
const STATED = /^Initializing with version (v?\d+\.\d+\.\d+\S*)/;
/** A build commit, possibly marked (`61cc8f7-dirty`). */
const COMMIT = /^[0-9a-f]{7}/;

const bump = (map: Map<string, number>, key: string, max: number, by = 1): void => {
  const count = map.get(key);
  if (count !== undefined) map.set(key, count + by);
  else if (map.size < max) map.set(detach(key), by);
};

/** The `commit` field of a compact JSON line: one search when it is a string, as zap writes it. */
function commitOf(json: string, record: LogRecord): unknown {
  const value = jsonStringFieldBy(json, '"commit":"', '"commit":');
  return value === null ? fieldOf(record, 'commit') : value;
}

export class VersionEvidence {
  constructor(
    /** Build commits (7 characters) and how many records carried each. */
    readonly commits = new Map<string, number>(),
    /** Versions the log states itself. */
    readonly stated = new Map<string, number>(),
    /** Template ids of the messages seen. */
    readonly templates = new Map<string, number>(),
  ) {}

  /** What one record says; `templateIds`: the templates its message and error chain matched. */
  add(record: LogRecord, templateIds: readonly string[]): void {
    for (const id of templateIds) bump(this.templates, id, MAX_TEMPLATES);
    const commit = record.fields
      ? record.fields.commit
      : record.json !== undefined
        ? commitOf(record.json, record)
        : undefined;
    if (typeof commit === 'string' && COMMIT.test(commit))
      bump(this.commits, commit.slice(0, 7), MAX_COMMITS);
    const stated = STATED.exec(record.message)?.[1];
    if (stated) bump(this.stated, stated, MAX_COMMITS);
    else if (record.message === 'discovered karpenter version') {
      const version = fieldOf(record, 'version');
      if (typeof version === 'string') bump(this.stated, version, MAX_COMMITS);
    }
  }

  /** `count` more records showing these templates (already seen: see routine-lines.ts). */
  addTemplates(templateIds: readonly string[], count: number): void {
    for (const id of templateIds) bump(this.templates, id, MAX_TEMPLATES, count);
  }

  /** `count` more records carrying `commit`. */
  addCommit(commit: string, count: number): void {
    if (COMMIT.test(commit)) bump(this.commits, commit.slice(0, 7), MAX_COMMITS, count);
  }

  merge(later: VersionEvidence): void {
    for (const [key, count] of later.commits) this.commits.set(key, (this.commits.get(key) ?? 0) + count);
    for (const [key, count] of later.stated) this.stated.set(key, (this.stated.get(key) ?? 0) + count);
    for (const [key, count] of later.templates) {
      if (this.templates.has(key) || this.templates.size < MAX_TEMPLATES)
        this.templates.set(key, (this.templates.get(key) ?? 0) + count);
    }
  }
}
