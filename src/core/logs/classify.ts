/**
 * Match a record against the knowledge base. AWS error codes are matched one by one (each code occurrence
 * belongs to exactly one entry, specific rules first); text rules all apply, so one scheduling line can be
 * "could not schedule", "incompatible with nodepool" and "taint not tolerated" at once.
 *
 * Text results are cached by message: Karpenter's messages are mostly constant templates ("launched
 * nodeclaim", "Reconciler error"), so a large log costs one dictionary lookup per line for most records.
 */
import { extractAwsErrors } from './aws-errors.js';
import { detach, fieldOf, keyAt } from './json-fields.js';
import { KNOWLEDGE_BASE, KNOWN_CODES, type KnowledgeEntry, type MatchRule } from './knowledge/index.js';
import { groupRules, matchingRules, type RuleGroups } from './rule-groups.js';
import {
  decomposeChain,
  logTemplatesOf,
  markersIn,
  type Chain,
  type Product,
  type Template,
} from './templates.js';
import type { AwsErrorItem, LogRecord } from './types.js';

export interface EntryMatch {
  entry: KnowledgeEntry;
  /** AWS codes that led to this entry, exactly as seen. */
  codes: string[];
}

/** The Karpenter or NTH messages a record is made of (see templates.ts). */
export interface TemplateEvidence {
  /** The log call the message comes from (the most specific match). */
  message?: Template;
  /** The error chain (the `error` field, or a console message that carries it). */
  chain?: Chain;
  /** Every template recognised: the message's and each frame of the chain. */
  ids: string[];
}

export interface Classification {
  matches: EntryMatch[];
  items: AwsErrorItem[];
  /** Codes found in an AWS context that no entry covers. */
  unknownCodes: string[];
  templates: TemplateEvidence;
  /** The classification depends on the text alone (no rule read a field, no field code). */
  textOnly: boolean;
}

interface TextRule {
  entry: KnowledgeEntry;
  text: RegExp;
  fields?: Array<{ name: string; value: RegExp; loose: RegExp }>;
}

interface CodeRule {
  entry: KnowledgeEntry;
  rule: MatchRule;
  codes: ReadonlySet<string>;
}

interface Cached {
  textRules: TextRule[];
  items: AwsErrorItem[];
  templates: TemplateEvidence;
  /** No matching rule reads a field: the classification depends on the text alone (absent a field code). */
  textOnly: boolean;
  /** The classification of a record with this text and no `aws-error-code` field, once computed. */
  classification?: Classification;
  /** The fields the rules read (when not textOnly), and the classifications by their values. */
  fieldNames: string[];
  byFieldValues?: Map<string, Classification>;
}

/** Bounds: at most ~40 MB of cached text. Longer texts are classified every time. */
const MAX_CACHED_TEXT = 4096;
const MAX_CACHE_ENTRIES = 10_000;
/** Field-value combinations cached per text (`reason` × `decision` of a disruption line …). */
const MAX_FIELD_VARIANTS = 64;

const ruleText = (rule: TextRule): RegExp => rule.text;
const loosen = (re: RegExp): RegExp => new RegExp(re.source.replace(/^\^/, '').replace(/\$$/, ''), re.flags);

/** The rules of a knowledge base, ready to match. */
interface CompiledRules {
  textGroups: RuleGroups<TextRule>;
  codeRules: CodeRule[];
}

function compileRules(knowledgeBase: readonly KnowledgeEntry[]): CompiledRules {
  const textRules: TextRule[] = [];
  const codeRules: CodeRule[] = [];
  for (const entry of knowledgeBase) {
    for (const rule of entry.match) {
      if (rule.codes) codeRules.push({ entry, rule, codes: new Set(rule.codes) });
      else if (rule.text)
        textRules.push({
          entry,
          text: rule.text,
          fields: rule.fields
            ? Object.entries(rule.fields).map(([name, value]) => ({ name, value, loose: loosen(value) }))
            : undefined,
        });
    }
  }
  // Rules with a message condition are more specific than the bare code: try them first.
  codeRules.sort(
    (a, b) => Number(!a.rule.codeMessage && !a.rule.stamped) - Number(!b.rule.codeMessage && !b.rule.stamped),
  );
  return { textGroups: groupRules(textRules, ruleText), codeRules };
}

/** Every reader of a log has a classifier (each thread, each range): the rules are compiled once. */
const compiledRules = new WeakMap<readonly KnowledgeEntry[], CompiledRules>();

export class Classifier {
  private readonly textGroups: RuleGroups<TextRule>;
  private readonly codeRules: CodeRule[];
  private readonly cache = new Map<string, Cached>();

  constructor(knowledgeBase: readonly KnowledgeEntry[] = KNOWLEDGE_BASE) {
    let rules = compiledRules.get(knowledgeBase);
    if (!rules) {
      rules = compileRules(knowledgeBase);
      compiledRules.set(knowledgeBase, rules);
    }
    this.textGroups = rules.textGroups;
    this.codeRules = rules.codeRules;
  }

  /** `noFieldCode`: the caller knows the record has no `aws-error-code` field (the line was read for it). */
  classify(record: LogRecord, text: string, noFieldCode = false): Classification {
    const cached = this.textResults(text, record);
    const fieldCode =
      !noFieldCode &&
      (record.fields || (record.json !== undefined && keyAt(record.json, '"aws-error-code"') >= 0))
        ? fieldOf(record, 'aws-error-code')
        : undefined;
    const hasFieldCode = typeof fieldCode === 'string' && fieldCode.length > 0;
    // Callers only read a classification, so records that repeat a template share one.
    if (cached.textOnly && !hasFieldCode) {
      cached.classification ??= this.build(record, text, cached, undefined);
      return cached.classification;
    }
    // A structured record's classification depends on its text, format and the fields the rules read.
    if (!hasFieldCode && (record.json !== undefined || record.fields !== undefined)) {
      let key = record.format;
      for (const name of cached.fieldNames) {
        const value = fieldOf(record, name);
        if (value !== undefined && typeof value !== 'string')
          return this.build(record, text, cached, undefined);
        key += value === undefined ? '\u0001' : `\u0000${value}`;
      }
      cached.byFieldValues ??= new Map();
      const hit = cached.byFieldValues.get(key);
      if (hit) return hit;
      const built = this.build(record, text, cached, undefined);
      if (cached.byFieldValues.size < MAX_FIELD_VARIANTS) cached.byFieldValues.set(detach(key), built);
      return built;
    }
    return this.build(record, text, cached, hasFieldCode ? fieldCode : undefined);
  }

  private build(
    record: LogRecord,
    text: string,
    cached: Cached,
    fieldCode: string | undefined,
  ): Classification {
    const matches = new Map<string, EntryMatch>();
    const add = (entry: KnowledgeEntry, code?: string) => {
      let match = matches.get(entry.id);
      if (!match) {
        match = { entry, codes: [] };
        matches.set(entry.id, match);
      }
      if (code && !match.codes.includes(code)) match.codes.push(code);
    };

    const product = productOf(record);
    for (const rule of cached.textRules) {
      if (rule.entry.product && product && rule.entry.product !== product) continue;
      if (!rule.fields || rule.fields.every((field) => fieldMatches(record, text, field))) add(rule.entry);
    }

    let items = cached.items;
    if (fieldCode !== undefined)
      items = extractAwsErrors(text, KNOWN_CODES, {
        code: fieldCode,
        status: fieldOf(record, 'aws-status-code'),
      });

    const unknownCodes: string[] = [];
    for (const item of items) {
      const rule = this.codeRules.find(
        (r) =>
          r.codes.has(item.code) &&
          Boolean(r.rule.stamped) === Boolean(item.stamped) &&
          (!r.rule.codeMessage || r.rule.codeMessage.test(item.message)),
      );
      if (rule) add(rule.entry, item.code);
      else if (!unknownCodes.includes(item.code)) unknownCodes.push(item.code);
    }
    return {
      matches: [...matches.values()],
      items,
      unknownCodes,
      templates: cached.templates,
      textOnly: cached.textOnly && fieldCode === undefined,
    };
  }

  private textResults(original: string, record: LogRecord): Cached {
    const cacheable = original.length <= MAX_CACHED_TEXT;
    if (cacheable) {
      const hit = this.cache.get(original);
      if (hit) return hit;
    }
    // Cached results (codes, messages) are cut from the text: cut them from a copy that pins nothing.
    const text = cacheable ? detach(original) : original;
    const textRules = matchingRules(this.textGroups, ruleText, text);
    const items = extractAwsErrors(text, KNOWN_CODES);
    const result: Cached = {
      textRules,
      items,
      templates: templateEvidence(record, text),
      textOnly: textRules.every((rule) => !rule.fields),
      fieldNames: [...new Set(textRules.flatMap((rule) => rule.fields?.map((f) => f.name) ?? []))],
    };
    if (cacheable) {
      // A full cache is simply dropped: cheaper than LRU bookkeeping, and templates refill it at once.
      if (this.cache.size >= MAX_CACHE_ENTRIES) this.cache.clear();
      this.cache.set(text, result);
    }
    return result;
  }
}

function fieldMatches(
  record: LogRecord,
  text: string,
  field: { name: string; value: RegExp; loose: RegExp },
): boolean {
  const value = fieldOf(record, field.name);
  if (typeof value === 'string') return field.value.test(value);
  // A record whose fields could not be parsed (pasted, truncated): look for the value in the raw text.
  return (
    record.fields === undefined &&
    record.json === undefined &&
    (field.loose.test(text) || field.loose.test(record.raw))
  );
}

const NTH_FORMATS = new Set(['nth-console', 'nth-json', 'go-log']);
const KARPENTER_FORMATS = new Set(['karpenter-json', 'karpenter-json-pretty', 'karpenter-console']);
/** NTH's console form keeps the error in the message: `… error="…"`. */
const NTH_ERROR = / error="((?:[^"\\]|\\.)*)"/;

/** Which program wrote the record, when its format says. */
export const productOf = (record: LogRecord): Product | undefined =>
  NTH_FORMATS.has(record.format) ? 'nth' : KARPENTER_FORMATS.has(record.format) ? 'karpenter' : undefined;

/** The templates a record's message and error chain are made of. */
export function templateEvidence(record: LogRecord, text: string): TemplateEvidence {
  const product = productOf(record);
  // A message printed over several lines (a Go error with newlines) reads on in the continuation lines.
  const message = record.message;
  const whole = record.continuation ? `${message}\n${record.continuation}` : message;
  const hit = message
    ? (
        logTemplatesOf(message, product)[0] ??
        (whole !== message ? logTemplatesOf(whole, product)[0] : undefined)
      )?.template
    : undefined;
  let error = record.error;
  if (!error && product === 'nth') {
    const m = NTH_ERROR.exec(message);
    if (m) error = m[1]!.replace(/\\"/g, '"');
  }
  let chain: Chain | undefined;
  if (error) chain = decomposeChain(error, false, product);
  // A console message carries the chain itself (`Provisioning failed, launching node, …`).
  else if (message && (hit?.wraps || !hit)) {
    const own = decomposeChain(message, true, product);
    chain = own.frames.length > 0 ? own : hit ? undefined : decomposeChain(message, false, product);
  }
  const ids = chain?.frames.map((f) => f.template.id) ?? [];
  if (hit && !ids.includes(hit.id)) ids.unshift(hit.id);
  if (product !== 'nth') ids.push(...markersIn(record.json ?? text));
  const frames = chain?.frames.length ?? 0;
  return { ...(hit ? { message: hit } : {}), ...(chain && frames > 0 ? { chain } : {}), ids };
}
