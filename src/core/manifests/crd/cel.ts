/**
 * CEL as the API server runs `x-kubernetes-validations`: a real CEL engine (@bufbuild/cel) with RE2
 * regular expressions, the Kubernetes library functions the Karpenter rules call, values typed from the
 * schema (an `integer` is a CEL int, a `number` a double, declared properties are fields), and errors
 * reworded the way cel-go words them, since the server puts that text into its rejection.
 */
import { celEnv, celMethod, CelScalar, isCelError, parse, plan, type CelInput } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

import trees from '../../../data/crd-rule-trees.json' with { type: 'json' };

import { decodeTree, type CelTreeData, type RuleTree } from './cel-trees.js';
import { compileRe2 } from './re2.js';
import type { CrdSchema } from './types.js';

/**
 * Kubernetes regex library: `find` returns the leftmost match, or '' when there is none. (`findAll` and
 * the list/url/quantity/ip libraries are not used by any Karpenter rule; `knownFunctions` lists what is.)
 */
const find = celMethod(
  'find',
  CelScalar.STRING,
  [CelScalar.STRING],
  CelScalar.STRING,
  function (pattern: string) {
    return compileRe2(pattern).find(this) ?? '';
  },
);

const env = celEnv({
  funcs: [...strings, find],
  re2: { compile: (pattern: string) => ({ test: (text: string) => compileRe2(pattern).test(text) }) },
});

export type Program = (self: CelInput) => { value?: unknown; error?: string };

/** Thrown for a rule this engine cannot parse; the server would have refused the CRD, so it is ours to fix. */
export class RuleCompileError extends Error {}

const compiled = new Map<string, Program>();

// Parsing is most of a rule's cost, and each rule is looked at twice (does it read oldSelf? then its
// plan): the shipped CRDs' rules are read from their stored trees (cel-trees.ts), any other is parsed;
// either way once, failures included.
const parsed = new Map<string, RuleTree | Error>();
const stored = (trees as CelTreeData).trees;

/** The stored tree of a rule of the shipped CRDs; undefined for any other expression. */
export const storedTree = (expression: string): RuleTree | undefined =>
  Object.hasOwn(stored, expression) ? (decodeTree(stored[expression]) as RuleTree) : undefined;

function parsedRule(expression: string): RuleTree {
  let tree = parsed.get(expression);
  if (tree === undefined) {
    try {
      tree = storedTree(expression) ?? parse(expression).expr;
    } catch (error) {
      tree = error instanceof Error ? error : new Error(String(error));
    }
    parsed.set(expression, tree);
  }
  if (tree instanceof Error) throw tree;
  return tree;
}

/** Compile `expression` once; later calls reuse the plan. */
export function compileRule(expression: string): Program {
  let program = compiled.get(expression);
  if (!program) {
    let run: ReturnType<typeof plan>;
    try {
      run = plan(env, parsedRule(expression));
    } catch (error) {
      throw new RuleCompileError(`rule compile error: ${(error as Error).message}`);
    }
    program = (self) => {
      const result = run({ self } as never);
      return isCelError(result) ? { error: celGoMessage(result.message) } : { value: result };
    };
    compiled.set(expression, program);
  }
  return program;
}

/** cel-go's wording for the runtime errors Karpenter's rules can hit. */
export function celGoMessage(message: string): string {
  const field = /^field not found: (.*)$/.exec(message);
  if (field) return `no such key: ${field[1]}`;
  const index = /^index (-?\d+) out of bounds/.exec(message);
  if (index) return `index out of bounds: ${index[1]}`;
  if (/^Cannot convert .* to a BigInt/.test(message)) return "type conversion error from 'string' to 'int'";
  if (/^found no matching overload/.test(message)) return 'no such overload';
  return message;
}

/** CEL's reserved words: a property with one of these names is `__name__` in a rule. */
const RESERVED = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);

/** Kubernetes' escaping of property names into CEL identifiers; undefined when a name cannot be one. */
export function escapeProperty(name: string): string | undefined {
  if (RESERVED.has(name)) return `__${name}__`;
  if (!/^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/.test(name)) return undefined;
  return name
    .replaceAll('__', '__underscores__')
    .replaceAll('.', '__dot__')
    .replaceAll('-', '__dash__')
    .replaceAll('/', '__slash__');
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A decoded JSON value as the CEL value the server binds to `self` for `schema`. */
export function toCel(value: unknown, schema: CrdSchema | undefined): CelInput {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    const integral = Number.isInteger(value);
    if (schema?.type === 'number') return value;
    return integral ? BigInt(value) : value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => toCel(item, schema?.items));
  if (isObject(value)) {
    const extra = typeof schema?.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    const entries: [string, CelInput][] = [];
    for (const [name, child] of Object.entries(value)) {
      const property = schema?.properties?.[name];
      if (property) {
        const field = escapeProperty(name);
        if (field !== undefined) entries.push([field, toCel(child, property)]);
      } else entries.push([name, toCel(child, extra)]);
    }
    return new Map(entries);
  }
  return null;
}

/** The parsed rule names the variable `oldSelf` (not merely a string containing the word). */
function namesOldSelf(node: unknown, depth = 0): boolean {
  if (typeof node !== 'object' || node === null || depth > 200) return false;
  const kind = node as { case?: unknown; value?: { name?: unknown } };
  if (kind.case === 'identExpr' && kind.value?.name === 'oldSelf') return true;
  return Object.values(node).some((child) => namesOldSelf(child, depth + 1));
}

const transition = new Map<string, boolean>();

/** The rule reads `oldSelf`, so only an update can evaluate it. */
export function usesOldSelf(expression: string): boolean {
  let uses = transition.get(expression);
  if (uses === undefined) {
    try {
      uses = namesOldSelf(parsedRule(expression));
    } catch {
      uses = false;
    }
    transition.set(expression, uses);
  }
  return uses;
}
