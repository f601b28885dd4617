/**
 * The server's checks of a new object's `metadata` (apimachinery `ValidateObjectMetaAccessor` with the
 * DNS-subdomain name rule custom resources use): a name or generateName, both well-formed, and
 * well-formed label and annotation keys and label values.
 */
import { fieldError, fieldPathString, key, type Segment } from './field-error.js';
import type { Problem } from './problem.js';

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = `(${QUALIFIED_NAME})?`;
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_MESSAGE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const TOTAL_ANNOTATION_BYTES = 256 * (1 << 10);

const anchored = (fmt: string) => new RegExp(`^${fmt}$`);
const subdomainRe = anchored(DNS1123_SUBDOMAIN);
const qualifiedRe = anchored(QUALIFIED_NAME);
const labelValueRe = anchored(LABEL_VALUE);

const maxLen = (n: number) => `must be no more than ${n} characters`;
function regexError(message: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${fmt}')`;
  return `${message} (e.g. ${examples.map((e) => `'${e}', `).join('or ')}regex used for validation is '${fmt}')`;
}

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

export function dns1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > 253) errs.push(maxLen(253));
  if (!subdomainRe.test(value)) errs.push(regexError(SUBDOMAIN_MESSAGE, DNS1123_SUBDOMAIN, 'example.com'));
  return errs;
}

export function qualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      `a qualified name ${regexError(QUALIFIED_MESSAGE, QUALIFIED_NAME, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix === '') errs.push('prefix part must be non-empty');
    else errs.push(...dns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (utf8Length(name) > 63) errs.push(`name part ${maxLen(63)}`);
  if (!qualifiedRe.test(name)) {
    errs.push(`name part ${regexError(QUALIFIED_MESSAGE, QUALIFIED_NAME, 'MyName', 'my.name', '123-abc')}`);
  }
  return errs;
}

export function labelValue(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > 63) errs.push(maxLen(63));
  if (!labelValueRe.test(value))
    errs.push(regexError(LABEL_VALUE_MESSAGE, LABEL_VALUE, 'MyValue', 'my_value', '12345'));
  return errs;
}

/** GenerateName may end in `-`: the server masks a trailing dash before checking it as a name. */
const maskTrailingDash = (name: string) =>
  name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;

const isStringMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems with the root `metadata` of a new cluster-scoped or namespaced custom resource. */
export function checkObjectMeta(metadata: unknown): Problem[] {
  const meta = isStringMap(metadata) ? metadata : {};
  const problems: Problem[] = [];
  const add = (segments: Segment[], keyword: string, message: string, blocksCel = false) =>
    problems.push({ segments, rule: 'schema', keyword, message, blocksCel });
  const str = (v: unknown) => (typeof v === 'string' ? v : '');

  const generateName = str(meta.generateName);
  if (generateName) {
    for (const m of dns1123Subdomain(maskTrailingDash(generateName))) {
      add(
        ['metadata', 'generateName'],
        'metadata',
        fieldError.invalid('metadata.generateName', generateName, m),
      );
    }
  }
  // The server generates the name (prefix cut to 58 characters + 5 random ones) before it validates.
  const name = str(meta.name) || (generateName ? `${generateName.slice(0, 58)}xxxxx` : '');
  if (!name) {
    add(
      ['metadata', 'name'],
      'required',
      fieldError.required('metadata.name', 'name or generateName is required'),
      true,
    );
  } else {
    for (const m of dns1123Subdomain(name))
      add(['metadata', 'name'], 'metadata', fieldError.invalid('metadata.name', name, m));
  }

  if (isStringMap(meta.labels)) {
    for (const [k, v] of Object.entries(meta.labels)) {
      for (const m of qualifiedName(k)) {
        add(['metadata', 'labels', key(k)], 'metadata', fieldError.invalid('metadata.labels', k, m));
      }
      for (const m of labelValue(str(v))) {
        add(['metadata', 'labels', key(k)], 'metadata', fieldError.invalid('metadata.labels', str(v), m));
      }
    }
  }
  if (isStringMap(meta.annotations)) {
    let total = 0;
    for (const [k, v] of Object.entries(meta.annotations)) {
      total += utf8Length(k) + utf8Length(str(v));
      for (const m of qualifiedName(k.toLowerCase())) {
        add(
          ['metadata', 'annotations', key(k)],
          'metadata',
          fieldError.invalid('metadata.annotations', k, m),
        );
      }
    }
    if (total > TOTAL_ANNOTATION_BYTES) {
      add(
        ['metadata', 'annotations'],
        'metadata',
        fieldError.tooLong(fieldPathString(['metadata', 'annotations']), TOTAL_ANNOTATION_BYTES),
        true,
      );
    }
  }
  return problems;
}
