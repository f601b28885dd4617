/**
 * Find AWS error codes in Karpenter error chains, exactly as AWS spells them:
 * - fleet errors `with fleet error(s), Code: message; Code: message` (combineFleetErrors joins with `; `),
 * - `creating fleet Code: message` / `creating fleet request, Code: …`,
 * - aws-sdk-go-v2 `api error Code: message` and aws-sdk-go v1 `Code: message\n\tstatus code: 400`,
 * - the v1.5+ structured suffix `(aws-error-code=Code, aws-operation-name=…, aws-status-code=200)` and the
 *   same keys as JSON fields.
 * Unknown codes are accepted only where the context says they are AWS codes, so `WARNING:` or
 * `RequestError:` (an SDK transport error, not an AWS code) are never reported as codes.
 */
import type { AwsErrorItem } from './types.js';

const CANDIDATE = /(^|[\s,;(])([A-Z][A-Za-z0-9]+(?:\.[A-Z][A-Za-z0-9]+)*): /g;
const STAMP = /aws-error-code=([A-Za-z0-9.]+)/g;
/** Contexts in which an unknown capitalised `Word:` is an AWS error code. */
const CODE_CONTEXT = /(?:fleet error\(s\), |creating fleet |fleet request, |api error )$/;

/** Where a fleet error message ends: the next `; `, the structured suffix, an SDK status line, or the end. */
function messageEnd(text: string, from: number): number {
  let end = text.length;
  for (const stop of ['; ', ' (aws-error-code=', '\n', '\tstatus code:']) {
    const at = text.indexOf(stop, from);
    if (at >= 0 && at < end) end = at;
  }
  return end;
}

/**
 * @param known codes the knowledge base has entries for; accepted anywhere.
 * @param stampField `aws-error-code` / `aws-status-code` JSON fields (v1.5+), when the record has them.
 */
export function extractAwsErrors(
  text: string,
  known: ReadonlySet<string>,
  stampField?: { code: string; status: unknown },
): AwsErrorItem[] {
  const items: AwsErrorItem[] = [];
  const seen = new Set<string>();
  const add = (item: AwsErrorItem) => {
    const key = `${item.stamped ? '!' : ''}${item.code}`;
    if (seen.has(key)) return;
    seen.add(key);
    items.push(item);
  };

  if (text.includes(': ')) {
    CANDIDATE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CANDIDATE.exec(text))) {
      const code = m[2]!;
      const start = m.index + (m[1]?.length ?? 0);
      const before = text.slice(Math.max(0, start - 20), start);
      const accepted =
        known.has(code) ||
        CODE_CONTEXT.test(before) ||
        // The next item of a fleet error list.
        (before.endsWith('; ') && text.lastIndexOf('fleet error(s), ', start) >= 0);
      if (!accepted) continue;
      const from = start + code.length + 2;
      add({ code, message: text.slice(from, messageEnd(text, from)).trim() });
    }
  }

  const statusOk =
    /aws-status-code=200\b/.test(text) || stampField?.status === 200 || stampField?.status === '200';
  const stamp = (code: string) => {
    // Karpenter v1.5+ stamps UnfulfillableCapacity on every CreateFleet that returned 200 and no instance;
    // other stamped codes come from real API error responses.
    const synthetic = code === 'UnfulfillableCapacity' && statusOk;
    if (synthetic) add({ code, message: 'CreateFleet returned no instances', stamped: true });
    else add({ code, message: '' });
  };
  if (text.includes('aws-error-code=')) {
    STAMP.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = STAMP.exec(text))) stamp(m[1]!);
  }
  if (stampField?.code) stamp(stampField.code);
  return items;
}
