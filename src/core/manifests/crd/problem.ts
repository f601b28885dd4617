/** What each validation step returns before `validateManifest` turns it into `Violation`s. */
import { plainPath, type Segment } from './field-error.js';
import type { Violation } from './types.js';

export interface Problem {
  segments: Segment[];
  rule: Violation['rule'];
  keyword: string;
  message: string;
  /**
   * The server skips CEL rules when the schema check found an error of this kind (unsupported, required,
   * too long, too many, wrong type): the rules could not be typed against the value.
   */
  blocksCel: boolean;
}

export const toViolation = (p: Problem): Violation => ({
  path: plainPath(p.segments),
  rule: p.rule,
  keyword: p.keyword,
  message: p.message,
});
