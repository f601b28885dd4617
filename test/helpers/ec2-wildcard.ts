/** EC2's filter wildcards, for the fakes and the local server that answer filtered calls. */

const compiled = new Map<string, RegExp>();

/** EC2 filter wildcard match: `*` any run, `?` one character. */
export function wildcardMatch(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    compiled.set(pattern, regex);
  }
  return regex.test(value);
}
