/**
 * Every message Karpenter and NTH can print, recognised in a log line: the log call a message comes from,
 * and the chain of error strings an `error` field (or a console message) is made of — the wrappers
 * (`launching nodeclaim, %w`) and the leaf that says what went wrong. Each template knows its level,
 * source file and the releases that print it, so a line also tells which versions it can come from.
 *
 * Matching is linear: the literals of a template are searched left to right (and, failing that, right to
 * left), never with a backtracking expression; candidates come from an index on their first characters.
 */
import data from '../../data/log-templates.json' with { type: 'json' };
import {
  compileTemplate,
  fromTemplateRow,
  type Matcher,
  type TemplateData,
  type TemplateRow,
  type VerbKind,
} from './template-data.js';

export type Product = TemplateData['product'];

export interface Template extends TemplateData {
  matcher: Matcher | null;
  /** Ends with `%w` (or `%s`/`%v` in older code): the rest of the text is a wrapped error. */
  wraps: boolean;
  /** Literal characters: the more, the more specific a match. */
  weight: number;
}

/** A template found at a place in a text. */
export interface TemplateHit {
  template: Template;
  /** Where the wrapped rest starts (wrappers), or the end of the match. */
  end: number;
}

/** An error chain taken apart: outermost wrapper first, then the leaf (when a template says it). */
export interface Chain {
  frames: TemplateHit[];
  /** The innermost template that is not a pure wrapper, if any. */
  leaf?: Template;
  /** What follows the last template recognised (an AWS or Kubernetes error, a value), trimmed. */
  rest: string;
}

const INDEX_CHARS = 4;

const compareMinors = (a: string, b: string): number => {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1! - b1! || a2! - b2!;
};
/** Where a serrors-wrapped error lists its keys: `… (aws-error-code=X, aws-request-id=Y)`. */
const SERRORS_SUFFIX = / \((?:[\w.-]+=[^,()]*(?:, |(?=\))))+\)$/;

const validValue = (kind: VerbKind, value: string): boolean => {
  switch (kind) {
    case 'd':
      return /^[-+]?\d+$/.test(value);
    case 't':
      return value === 'true' || value === 'false';
    case 'f':
      return /^[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?$/.test(value);
    default:
      return true;
  }
};

/**
 * Match `m` in `text` from `start`. `prefix`: up to the last verb (a wrapper; returns where the wrapped
 * text starts); otherwise to the end of the text, which may go on with `; `, a newline, or (NTH console)
 * ` key=value` fields. Returns the end, or -1.
 */
function matchAt(m: Matcher, text: string, start: number, prefix: boolean, fields: boolean): number {
  const first = m[0] as string;
  if (!text.startsWith(first, start)) return -1;
  const forward = scan(m, text, start + first.length, prefix, fields, false);
  return forward >= 0 ? forward : scan(m, text, start + first.length, prefix, fields, true);
}

function scan(
  m: Matcher,
  text: string,
  from: number,
  prefix: boolean,
  fields: boolean,
  backward: boolean,
): number {
  let pos = from;
  const verbs = (m.length - 1) / 2;
  const last = verbs - (prefix ? 1 : 0);
  for (let i = 1; i <= last; i += 1) {
    const kind = (m[2 * i - 1] as { v: VerbKind }).v;
    const literal = m[2 * i] as string;
    if (i === verbs) {
      // The last verb of a full match: the literal after it ends the text (or what may follow it).
      const end = endOf(text, pos, literal, fields);
      if (end < 0 || !validValue(kind, text.slice(pos, end - literal.length))) return -1;
      return end;
    }
    if (literal === '') {
      if (kind !== 's' && kind !== 'w') return -1;
      continue;
    }
    const at = backward ? lastBefore(text, literal, pos, m, i) : text.indexOf(literal, pos);
    if (at < 0 || !validValue(kind, text.slice(pos, at))) return -1;
    pos = at + literal.length;
  }
  if (prefix) return pos;
  // No verb at all: the template is one literal, already matched.
  return endAfterLiteral(text, pos, fields);
}

/** The last occurrence of `literal` that still leaves room for the literals after it. */
function lastBefore(text: string, literal: string, pos: number, m: Matcher, i: number): number {
  let limit = text.length;
  for (let j = m.length - 1; j > 2 * i; j -= 2) limit -= (m[j] as string).length;
  const at = text.lastIndexOf(literal, limit - literal.length);
  return at >= pos ? at : -1;
}

/** Where the text may end after position `pos`, for a template that ends there. */
function endAfterLiteral(text: string, pos: number, fields: boolean): number {
  if (pos === text.length) return pos;
  const rest = text.slice(pos, pos + 2);
  if (rest === '; ' || rest[0] === '\n') return pos;
  if (/^\s*$/.test(text.slice(pos))) return text.length;
  if (fields && /^\s+[\w./-]+=/.test(text.slice(pos))) return pos;
  return -1;
}

/** End of a match whose last verb is followed by `literal` at the end (or before what may follow). */
function endOf(text: string, pos: number, literal: string, fields: boolean): number {
  const trimmed = text.trimEnd();
  if (literal === '') {
    // The verb takes the rest of the line (or of this error, when several are joined).
    const stop = text.indexOf('\n', pos);
    return stop < 0 ? trimmed.length : stop;
  }
  if (trimmed.endsWith(literal) && trimmed.length - literal.length >= pos) return trimmed.length;
  for (let at = text.indexOf(literal, pos); at >= 0; at = text.indexOf(literal, at + 1)) {
    const end = at + literal.length;
    if (endAfterLiteral(text, end, fields) === end) return end;
  }
  return -1;
}

/** A stored row as a template, with its matcher. */
function templateOf(row: TemplateRow): Template {
  const data = fromTemplateRow(row) as Template;
  const matcher = compileTemplate(data.template);
  let weight = 0;
  if (matcher) for (let i = 0; i < matcher.length; i += 2) weight += (matcher[i] as string).length;
  const lastVerb =
    matcher && matcher.length > 1 ? (matcher[matcher.length - 2] as { v: VerbKind }).v : undefined;
  data.matcher = matcher;
  data.wraps = matcher?.[matcher.length - 1] === '' && (lastVerb === 'w' || lastVerb === 's');
  data.weight = weight;
  return data;
}

class Catalogue {
  readonly all: Template[];
  readonly byId: Map<string, Template>;
  private readonly byStart = new Map<string, Template[]>();
  /** Templates that start with a verb: tried when their longest literal occurs in the text. */
  private readonly floating: Array<{ template: Template; anchor: string }> = [];

  constructor(rows: TemplateRow[]) {
    // Built on the first line a log needs matched: one pass per template, no intermediate copies.
    this.all = rows.map(templateOf);
    this.byId = new Map();
    let newest = '0.0';
    for (const t of this.all) {
      this.byId.set(t.id, t);
      if (t.product === 'karpenter' && compareMinors(t.versions[1], newest) > 0) newest = t.versions[1];
    }
    for (const marker of MARKERS) {
      this.byId.set(marker.id, {
        id: marker.id,
        product: 'karpenter',
        repo: 'aws',
        kind: 'log',
        levels: [],
        template: '',
        file: marker.file,
        ref: marker.ref,
        versions: [marker.first, newest],
        keys: [],
        matcher: null,
        wraps: false,
        weight: 0,
      });
    }
    for (const template of this.all) {
      const m = template.matcher;
      if (!m) continue;
      const first = m[0] as string;
      if (first.length >= INDEX_CHARS) {
        const key = first.slice(0, INDEX_CHARS);
        const list = this.byStart.get(key) ?? [];
        list.push(template);
        this.byStart.set(key, list);
      } else {
        let anchor = '';
        for (let i = 0; i < m.length; i += 2)
          if ((m[i] as string).length > anchor.length) anchor = m[i] as string;
        this.floating.push({ template, anchor });
      }
    }
    // Most specific first, so the first full match is the best one.
    for (const list of this.byStart.values()) list.sort((a, b) => b.weight - a.weight);
    this.floating.sort((a, b) => b.template.weight - a.template.weight);
  }

  private candidates(
    text: string,
    start: number,
    kinds: ReadonlySet<Template['kind']>,
    product: Product | undefined,
  ): Template[] {
    const fits = (t: Template) => kinds.has(t.kind) && (product === undefined || t.product === product);
    const key = text.slice(start, start + INDEX_CHARS);
    const indexed = (this.byStart.get(key) ?? []).filter(fits);
    const rest = start === 0 ? text : text.slice(start);
    const floating = this.floating
      .filter((f) => fits(f.template) && rest.includes(f.anchor))
      .map((f) => f.template);
    return [...indexed, ...floating];
  }

  /** The templates of `kinds` that match all of `text` (most specific first). */
  full(
    text: string,
    kinds: ReadonlySet<Template['kind']>,
    fields = false,
    start = 0,
    product?: Product,
  ): TemplateHit[] {
    const hits: TemplateHit[] = [];
    for (const template of this.candidates(text, start, kinds, product)) {
      const end = matchAt(template.matcher!, text, start, false, fields);
      if (end >= 0) hits.push({ template, end });
    }
    return hits;
  }

  /**
   * The wrapper of `kinds` that matches at `start` and consumes the most — one that starts with its own
   * words first: a wrapper that starts with a value could swallow the frames before its words.
   */
  wrapper(
    text: string,
    start: number,
    kinds: ReadonlySet<Template['kind']>,
    product?: Product,
  ): TemplateHit | undefined {
    let best: TemplateHit | undefined;
    let bestAnchored = false;
    for (const template of this.candidates(text, start, kinds, product)) {
      if (!template.wraps) continue;
      const anchored = (template.matcher![0] as string).length > 0;
      if (bestAnchored && !anchored) break;
      const end = matchAt(template.matcher!, text, start, true, false);
      if (end > start && (!best || end > best.end)) {
        best = { template, end };
        bestAnchored = anchored;
      }
    }
    return best;
  }
}

/**
 * Facts about a line that no template carries but that only some releases write, with the first release
 * that does (read from the source, see the research notes): the structured AWS error keys of v1.5.0, and
 * the interruption message kinds renamed in v1.0.0.
 */
const MARKERS: Array<{ id: string; pattern: RegExp; first: string; file: string; ref: string }> = [
  {
    id: 'k.marker.aws-error-code',
    pattern: /aws-error-code[=":]/,
    first: '1.5',
    file: 'pkg/providers/instance/instance.go',
    ref: 'v1.5.0',
  },
  {
    id: 'k.marker.v1-message-kind',
    pattern:
      /"?messageKind"?\s*[:=]\s*"?(?:spot_interrupted|rebalance_recommendation|scheduled_change|instance_stopped|instance_terminated)\b/,
    first: '1.0',
    file: 'pkg/controllers/interruption/messages/types.go',
    ref: 'v1.0.0',
  },
];

/** The markers a text has (see MARKERS). */
export const markersIn = (text: string): string[] =>
  MARKERS.filter((m) => m.pattern.test(text)).map((m) => m.id);

let catalogue: Catalogue | undefined;
const templates = (): Catalogue =>
  (catalogue ??= new Catalogue((data as unknown as { templates: TemplateRow[] }).templates));

export const LOG_KINDS: ReadonlySet<Template['kind']> = new Set(['log']);
export const ERROR_KINDS: ReadonlySet<Template['kind']> = new Set(['error']);
const ANY_KINDS: ReadonlySet<Template['kind']> = new Set(['log', 'error', 'event']);

export const templateById = (id: string): Template | undefined => templates().byId.get(id);

/** Every template, for coverage and reports. */
export const allTemplates = (): readonly Template[] => templates().all;

/** The log templates a whole message matches (NTH console lines may go on with ` key=value` fields). */
export const logTemplatesOf = (
  message: string,
  product?: Product,
  fields = product === 'nth',
): TemplateHit[] => templates().full(message, LOG_KINDS, fields, 0, product);

/** Templates of any kind a text matches whole (events, errors pasted alone). */
export const anyTemplatesOf = (text: string): TemplateHit[] => templates().full(text, ANY_KINDS);

/**
 * Take an error chain apart: wrappers from the outside in, then the leaf. `message`: the chain starts
 * with a log message (console format: `Provisioning failed, launching node, …`).
 */
export function decomposeChain(text: string, message = false, product?: Product): Chain {
  const catalogue = templates();
  const chain = text.replace(SERRORS_SUFFIX, '');
  const frames: TemplateHit[] = [];
  let pos = 0;
  for (let depth = 0; depth < 16 && pos < chain.length; depth += 1) {
    const kinds = message && depth === 0 ? LOG_KINDS : ERROR_KINDS;
    const fields = product === 'nth' && kinds === LOG_KINDS;
    const whole = catalogue.full(chain, kinds, fields, pos, product)[0];
    const wrapper = catalogue.wrapper(chain, pos, kinds, product);
    // A wrapper goes on when what it wraps is again a known template, or when nothing matches whole.
    const wrapped =
      wrapper &&
      (!whole ||
        catalogue.full(chain, ERROR_KINDS, false, wrapper.end, product).length > 0 ||
        catalogue.wrapper(chain, wrapper.end, ERROR_KINDS, product) !== undefined);
    if (wrapper && wrapped) {
      frames.push(wrapper);
      pos = wrapper.end;
      continue;
    }
    if (whole) {
      frames.push(whole);
      // What the last verb of a wrapper-shaped template took is the detail (an AWS error, a value).
      pos = whole.template.wraps ? matchAt(whole.template.matcher!, chain, pos, true, false) : whole.end;
    }
    break;
  }
  return { frames, leaf: frames[frames.length - 1]?.template, rest: chain.slice(pos).trim() };
}
