/**
 * The shape of src/data/log-templates.json and how a Go format string is compiled to a matcher: literal
 * parts and the kinds of value between them. Matching is a left-to-right search for the literals (see
 * templates.ts), never a regular expression, so it is linear whatever the line.
 */

/** A format verb's value: any text, an integer, a boolean, a number, or a wrapped error (`%w`). */
export type VerbKind = 's' | 'd' | 't' | 'f' | 'w';

/** Literals and verbs, alternating, starting and ending with a literal (possibly empty). */
export type Matcher = Array<string | { v: VerbKind }>;

export interface TemplateData {
  /** Stable id: product, kind and a slug of the template's words. */
  id: string;
  product: 'karpenter' | 'nth';
  repo: 'aws' | 'core' | 'controller-runtime' | 'knative' | 'operatorpkg' | 'nth';
  /** A logging call, an error string (a piece of an error chain), or a Kubernetes event. */
  kind: 'log' | 'error' | 'event';
  /** Levels it is logged at (NOLEVEL/PRINT: NTH lines without a level); errors: ERROR; events: Normal/Warning. */
  levels: string[];
  template: string;
  /** Event reason. */
  reason?: string;
  /** Source file, in the newest release that has it. */
  file: string;
  /** The git ref (tag or pseudo-version) of that release of its repository. */
  ref: string;
  /** First and last minor release that print it (`0.27`, `1.14`; NTH: its own releases). */
  versions: [string, string];
  /** Structured keys of the call. */
  keys: string[];
}

/** One template as stored: positional, a third of the size of the object. */
export type TemplateRow = [
  id: string,
  product: 'k' | 'n',
  repo: TemplateData['repo'],
  kind: TemplateData['kind'],
  levels: string[],
  template: string,
  file: string,
  ref: string,
  first: string,
  last: string,
  keys: string[],
  reason?: string,
];

export interface TemplatesFile {
  about: string;
  templates: TemplateRow[];
}

export function templateRow(t: TemplateData): TemplateRow {
  const row: TemplateRow = [
    t.id,
    t.product === 'nth' ? 'n' : 'k',
    t.repo,
    t.kind,
    t.levels,
    t.template,
    t.file,
    t.ref,
    t.versions[0],
    t.versions[1],
    t.keys,
  ];
  if (t.reason) row.push(t.reason);
  return row;
}

export const fromTemplateRow = (row: TemplateRow): TemplateData => ({
  id: row[0],
  product: row[1] === 'n' ? 'nth' : 'karpenter',
  repo: row[2],
  kind: row[3],
  levels: row[4],
  template: row[5],
  file: row[6],
  ref: row[7],
  versions: [row[8], row[9]],
  keys: row[10],
  ...(row[11] ? { reason: row[11] } : {}),
});

const VERB = /%[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])/g;

const verbKind = (letter: string): VerbKind =>
  letter === 'd' || letter === 'b' || letter === 'o' || letter === 'x' || letter === 'X'
    ? 'd'
    : letter === 't'
      ? 't'
      : letter === 'f' || letter === 'g' || letter === 'e'
        ? 'f'
        : letter === 'w'
          ? 'w'
          : 's';

/** Letters and digits a matcher must have to recognise anything. */
const MIN_LITERAL = 4;

/**
 * Compile a Go format string (its first line: continuation lines are separate records) to a matcher, or
 * null when its literals are too short to recognise. Surrounding white space is dropped (logs trim it).
 */
export function compileTemplate(template: string): Matcher | null {
  const newline = template.indexOf('\n');
  const firstLine = (newline < 0 ? template : template.slice(0, newline)).trim();
  const parts: Matcher = [];
  let literal = '';
  let last = 0;
  VERB.lastIndex = 0;
  for (let m = VERB.exec(firstLine); m; m = VERB.exec(firstLine)) {
    literal += firstLine.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[1] === '%') {
      literal += '%';
      continue;
    }
    parts.push(literal, { v: verbKind(m[1]!) });
    literal = '';
  }
  parts.push(literal + firstLine.slice(last));
  return alphanumerics(parts) < MIN_LITERAL ? null : parts;
}

/** Letters and digits in the literals of a matcher. */
function alphanumerics(parts: Matcher): number {
  let count = 0;
  for (const part of parts) {
    if (typeof part !== 'string') continue;
    for (let i = 0; i < part.length; i += 1) {
      const c = part.charCodeAt(i);
      if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) count += 1;
    }
  }
  return count;
}

/** A readable id from a template's words: `no-subnets-matched-selector`. */
export function templateSlug(template: string): string {
  const words = template
    .split('\n')[0]!
    .replace(VERB, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.slice(0, 8).join('-') || 'dynamic';
}

const REPOSITORY: Record<TemplateData['repo'], string> = {
  aws: 'aws/karpenter-provider-aws',
  core: 'kubernetes-sigs/karpenter',
  'controller-runtime': 'kubernetes-sigs/controller-runtime',
  knative: 'knative/pkg',
  operatorpkg: 'awslabs/operatorpkg',
  nth: 'aws/aws-node-termination-handler',
};

/** Where the template is in its repository, at the release it was read from. */
export function sourceUrl(t: Pick<TemplateData, 'repo' | 'file' | 'ref'>): string {
  // A Go pseudo-version ends with the commit: `v0.0.0-20240926013127-c4843b746d24`.
  const pseudo = /-\d{14}-([0-9a-f]{12})$/.exec(t.ref);
  return `https://github.com/${REPOSITORY[t.repo]}/blob/${pseudo ? pseudo[1] : t.ref}/${t.file}`;
}
