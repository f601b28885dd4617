/** `m6i` → `m`; `g4dn` → `g`; `inf2` → `inf`; `u-6tb1` → `u`. */
export const familyCategory = (family: string): string => /^[a-z]+/.exec(family)?.[0] ?? family;

/** `m6i` → 6, `g4dn` → 4, `c7i-flex` → 7. */
export const familyGeneration = (family: string): number => Number(/\d+/.exec(family)?.[0] ?? 0);
