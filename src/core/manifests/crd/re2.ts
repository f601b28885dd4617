/**
 * RE2 regular expressions, as Go's `regexp` (schema `pattern`) and CEL's `matches`/`find` use them: linear
 * time, no look-around or back-references, and the same syntax errors. Each pattern compiles once.
 */
import { RE2JS } from 're2js';

export interface Re2 {
  /** The pattern matches somewhere in `text` (Go's `MatchString`). */
  test(text: string): boolean;
  /** The leftmost match in `text`, or undefined (Go's `FindString`, with "no match" kept apart). */
  find(text: string): string | undefined;
}

const cache = new Map<string, Re2>();

/** Compile (or reuse) `pattern`; throws RE2's own syntax error for a pattern RE2 rejects. */
export function compileRe2(pattern: string): Re2 {
  let compiled = cache.get(pattern);
  if (!compiled) {
    const re = RE2JS.compile(pattern);
    compiled = {
      test: (text) => re.matcher(text).find(),
      find: (text) => {
        const m = re.matcher(text);
        return m.find() ? (m.group() ?? '') : undefined;
      },
    };
    cache.set(pattern, compiled);
  }
  return compiled;
}
