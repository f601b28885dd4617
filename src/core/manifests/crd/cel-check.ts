/**
 * The server's CEL pass over a custom resource: every `x-kubernetes-validations` rule is evaluated with
 * `self` bound to the value at the rule's place, only where that value is present (a rule on an optional
 * object that is absent is not run, one on a list runs once for the list). A false result is rejected
 * with the rule's `messageExpression`, `message` or the rule text, at `fieldPath` when set; a rule that
 * fails to evaluate (a missing key, a bad conversion) is a rejection too, with cel-go's explanation.
 */
import { compileRule, RuleCompileError, toCel, usesOldSelf } from './cel.js';
import { fieldError, fieldPathString, key, type Segment } from './field-error.js';
import type { Problem } from './problem.js';
import type { CrdSchema, CrdValidationRule } from './types.js';

/** Longest messageExpression result the server accepts (celconfig.MaxEvaluatedMessageExpressionSizeBytes). */
const MAX_MESSAGE_BYTES = 5 * 1024;

/** A rule this engine could not compile; reported apart so it never passes for a rejection. */
export interface UnevaluatedRule {
  schemaPath: string;
  rule: string;
  reason: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const trimmed = (s: string | undefined) => (s ?? '').trim();
/** `ruleErrorString`: the message when there is one, else the rule. */
const ruleText = (rule: CrdValidationRule) => trimmed(rule.message) || trimmed(rule.rule);
/** `ruleMessageOrDefault`. */
const ruleMessage = (rule: CrdValidationRule) =>
  trimmed(rule.message) || `failed rule: ${trimmed(rule.rule)}`;

/** `.a.b['c']` relative to the rule, as path steps. */
export function fieldPathSegments(fieldPath: string): Segment[] {
  const out: Segment[] = [];
  const re = /\.([A-Za-z_][A-Za-z0-9_-]*)|\['((?:[^'\\]|\\.)*)'\]/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(fieldPath)) !== null)
    out.push(m[1] !== undefined ? m[1] : key(m[2]!.replace(/\\(.)/g, '$1')));
  return out;
}

function evaluateMessageExpression(expression: string, self: unknown): string | undefined {
  let result: { value?: unknown; error?: string };
  try {
    result = compileRule(expression)(self as never);
  } catch {
    return undefined;
  }
  if (typeof result.value !== 'string') return undefined;
  const message = result.value.trim();
  if (message === '' || /\n/.test(message) || new TextEncoder().encode(message).length > MAX_MESSAGE_BYTES)
    return undefined;
  return message;
}

function rejection(rule: CrdValidationRule, schema: CrdSchema, segments: Segment[], detail: string): Problem {
  const at = rule.fieldPath ? [...segments, ...fieldPathSegments(rule.fieldPath)] : segments;
  const path = fieldPathString(at);
  const type = schema.type ?? '';
  let message: string;
  switch (rule.reason) {
    case 'FieldValueForbidden':
      message = fieldError.forbidden(path, detail);
      break;
    case 'FieldValueRequired':
      message = fieldError.required(path, detail);
      break;
    case 'FieldValueDuplicate':
      message = fieldError.duplicate(path, type);
      break;
    default:
      message = fieldError.invalid(path, type, detail);
  }
  return { segments: at, rule: 'cel', keyword: 'rule', message, blocksCel: false };
}

class RuleRunner {
  readonly problems: Problem[] = [];
  readonly unevaluated: UnevaluatedRule[] = [];

  walk(schema: CrdSchema, value: unknown, segments: Segment[]): void {
    if (value === null || value === undefined) return;
    const rules = schema['x-kubernetes-validations'];
    if (rules?.length) this.evaluate(schema, rules, value, segments);
    if (isObject(value)) {
      const extra = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
      for (const [name, child] of Object.entries(value)) {
        const property = schema.properties?.[name];
        if (property) this.walk(property, child, [...segments, name]);
        else if (extra) this.walk(extra, child, [...segments, key(name)]);
      }
    } else if (Array.isArray(value) && schema.items) {
      value.forEach((item, i) => this.walk(schema.items!, item, [...segments, i]));
    }
  }

  private evaluate(schema: CrdSchema, rules: CrdValidationRule[], value: unknown, segments: Segment[]): void {
    let self: unknown;
    for (const rule of rules) {
      if (rule.optionalOldSelf || usesOldSelf(rule.rule)) continue;
      self ??= toCel(value, schema);
      let result: { value?: unknown; error?: string };
      try {
        result = compileRule(rule.rule)(self as never);
      } catch (error) {
        if (!(error instanceof RuleCompileError)) throw error;
        this.unevaluated.push({
          schemaPath: fieldPathString(segments),
          rule: rule.rule,
          reason: error.message,
        });
        continue;
      }
      if (result.error !== undefined) {
        if (/^unbound function/.test(result.error)) {
          this.unevaluated.push({
            schemaPath: fieldPathString(segments),
            rule: rule.rule,
            reason: result.error,
          });
          continue;
        }
        const detail =
          result.error === 'no such overload'
            ? `'no such overload': call arguments did not match a supported operator, function or macro signature for rule: ${ruleText(rule)}`
            : `${result.error} evaluating rule: ${ruleText(rule)}`;
        this.problems.push({
          segments,
          rule: 'cel',
          keyword: 'rule-error',
          message: fieldError.invalid(fieldPathString(segments), schema.type ?? '', detail),
          blocksCel: false,
        });
        continue;
      }
      if (result.value === true) continue;
      const detail =
        (rule.messageExpression && evaluateMessageExpression(rule.messageExpression, self)) ||
        ruleMessage(rule);
      this.problems.push(rejection(rule, schema, segments, detail));
    }
  }
}

/** Every CEL rejection of `object` (pruned and defaulted) under the resource's root schema. */
export function checkRules(
  schema: CrdSchema,
  object: unknown,
): { problems: Problem[]; unevaluated: UnevaluatedRule[] } {
  const runner = new RuleRunner();
  runner.walk(schema, object, []);
  return { problems: runner.problems, unevaluated: runner.unevaluated };
}
