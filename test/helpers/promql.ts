/**
 * Reads the series a PromQL expression refers to — metric names, the labels matched on each, the values
 * they are matched against, and the labels aggregations group by — so tests can hold every name and label
 * spotctl writes against what the chosen release exports. A tokenizer, not a full parser: enough for
 * selectors, aggregations with by/without, functions, ranges, offsets and set operators.
 */

export interface SelectorUse {
  metric: string;
  matchers: Array<{ label: string; op: string; value: string }>;
}

export interface GroupingUse {
  labels: string[];
  /** Metrics inside the aggregation's argument: each must have every grouping label. */
  metrics: string[];
}

export interface QueryUses {
  selectors: SelectorUse[];
  groupings: GroupingUse[];
}

type Token = { kind: 'ident' | 'string' | 'number' | 'punct'; text: string };

const KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool']);
const SET_OPERATORS = new Set(['and', 'or', 'unless']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && c !== '`') {
          value += text[j + 1];
          j += 2;
        } else value += text[j++];
      }
      if (j >= text.length) throw new Error(`unterminated string in ${text}`);
      tokens.push({ kind: 'string', text: value });
      i = j + 1;
    } else if (c === '$' && /[a-zA-Z_]/.test(text[i + 1] ?? '')) {
      // A Grafana variable in a range ([$__rate_interval]) stands for a duration.
      const m = /^\$[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (/[0-9.]/.test(c)) {
      const m = /^[0-9.][0-9a-zA-Z.]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (/[a-zA-Z_:]/.test(c)) {
      const m = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'ident', text: m[0] });
      i += m[0].length;
    } else {
      const m = /^(=~|!~|!=|==|>=|<=|[{}()[\],=<>+\-*/%^])/.exec(text.slice(i));
      if (!m) throw new Error(`unexpected ${c} in ${text}`);
      tokens.push({ kind: 'punct', text: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

/** The selectors and groupings of one PromQL expression. Throws on text it cannot read. */
export function queryUses(expr: string): QueryUses {
  const tokens = tokenize(expr);
  const selectors: SelectorUse[] = [];
  const groupings: GroupingUse[] = [];
  // Open aggregation arguments: the grouping waits for its '(' and collects metrics until it closes.
  const open: Array<{ grouping: GroupingUse; depth: number }> = [];
  let pending: GroupingUse | undefined;
  let depth = 0;
  const peek = (k: number) => tokens[k];

  const readLabelList = (k: number): [string[], number] => {
    if (peek(k)?.text !== '(') throw new Error(`expected ( at ${k} in ${expr}`);
    const labels: string[] = [];
    let j = k + 1;
    while (peek(j) && peek(j)!.text !== ')') {
      if (peek(j)!.kind === 'ident') labels.push(peek(j)!.text);
      j += 1;
    }
    return [labels, j + 1];
  };

  const readMatchers = (k: number, selector: SelectorUse): number => {
    let j = k + 1; // after '{'
    while (peek(j) && peek(j)!.text !== '}') {
      const [name, op, value] = [peek(j), peek(j + 1), peek(j + 2)];
      if (name?.kind !== 'ident' || op?.kind !== 'punct' || value?.kind !== 'string') {
        throw new Error(`bad matcher at ${j} in ${expr}`);
      }
      if (name.text === '__name__') selector.metric = value.text;
      else selector.matchers.push({ label: name.text, op: op.text, value: value.text });
      j += 3;
      if (peek(j)?.text === ',') j += 1;
    }
    return j + 1;
  };

  const addSelector = (selector: SelectorUse) => {
    selectors.push(selector);
    for (const o of open) o.grouping.metrics.push(selector.metric);
  };

  let k = 0;
  while (k < tokens.length) {
    const t = tokens[k]!;
    const next = peek(k + 1);
    if (t.kind === 'ident' && (t.text === 'by' || t.text === 'without')) {
      const [labels, after] = readLabelList(k + 1);
      pending = { labels, metrics: [] };
      groupings.push(pending);
      k = after;
      continue;
    }
    if (t.kind === 'ident' && ['on', 'ignoring', 'group_left', 'group_right'].includes(t.text)) {
      const [labels, after] = next?.text === '(' ? readLabelList(k + 1) : [[], k + 1];
      groupings.push({ labels, metrics: [] });
      k = after;
      continue;
    }
    if (t.kind === 'ident' && t.text === 'offset') {
      k += 2;
      continue;
    }
    if (t.kind === 'ident' && (KEYWORDS.has(t.text) || SET_OPERATORS.has(t.text))) {
      k += 1;
      continue;
    }
    if (t.kind === 'ident' && (next?.text === '(' || next?.text === 'by' || next?.text === 'without')) {
      k += 1; // a function or aggregation name; its '(' is handled below
      continue;
    }
    if (t.kind === 'ident') {
      const selector: SelectorUse = { metric: t.text, matchers: [] };
      k = next?.text === '{' ? readMatchers(k + 1, selector) : k + 1;
      addSelector(selector);
      continue;
    }
    if (t.text === '{') {
      const selector: SelectorUse = { metric: '', matchers: [] };
      k = readMatchers(k, selector);
      addSelector(selector);
      continue;
    }
    if (t.text === '[') {
      while (peek(k) && peek(k)!.text !== ']') k += 1;
      k += 1;
      continue;
    }
    if (t.text === '(') {
      depth += 1;
      if (pending) {
        open.push({ grouping: pending, depth });
        pending = undefined;
      }
    } else if (t.text === ')') {
      while (open.length > 0 && open.at(-1)!.depth === depth) open.pop();
      depth -= 1;
    }
    k += 1;
  }
  if (depth !== 0) throw new Error(`unbalanced parentheses in ${expr}`);
  return { selectors, groupings };
}

/** `label_values(selector, label)` of a Grafana variable → the selector and the label. */
export function labelValuesQuery(query: string): { selector: string; label: string } | undefined {
  const m = /^label_values\((.*),\s*([a-zA-Z_][a-zA-Z0-9_]*)\)$/.exec(query.trim());
  return m ? { selector: m[1]!, label: m[2]! } : undefined;
}
