/**
 * Quota values without Service Quotas access: `--quota CODE=VALUE` (repeatable) and `--quotas FILE` — a
 * YAML or JSON map of codes to vCPUs, or the JSON `aws service-quotas list-service-quotas` prints. Only
 * the EC2 vCPU quota codes spotctl knows are accepted; flags win over the file.
 */
import { inputError, usageError } from '../errors.js';
import { parseYamlFile } from '../manifests/parse.js';
import type { ManifestFsPort } from '../manifests/sources.js';
import { child, mapEntries, scalarValue, seqItems, spanOf } from '../manifests/yaml-tree.js';
import { nearest } from '../text/nearest.js';
import { QUOTA_BUCKETS } from '../quota/buckets.js';
import type { GivenQuota } from '../quota/lookup.js';

/** A quotas file is a few lines (a ListServiceQuotas dump for EC2 a few hundred KiB): more is a mistake. */
export const MAX_QUOTAS_FILE_BYTES = 1024 * 1024;

/** Every EC2 vCPU quota code spotctl knows, On-Demand and Spot. */
export const KNOWN_QUOTA_CODES: readonly string[] = [
  ...new Set(QUOTA_BUCKETS.flatMap((b) => [b.onDemand?.code, b.spot?.code]).filter((c): c is string => !!c)),
].sort();

const nameOf = (code: string) =>
  QUOTA_BUCKETS.flatMap((b) => [b.onDemand, b.spot]).find((q) => q?.code === code)?.name;

/** `l-3819a6df` → `L-3819A6DF` when it is a known code; undefined otherwise. */
const knownCode = (code: string) => KNOWN_QUOTA_CODES.find((known) => known === code.trim().toUpperCase());

function unknownCodeHint(code: string): string {
  const close = nearest(code.toUpperCase(), KNOWN_QUOTA_CODES, 3, 10);
  return `Known EC2 vCPU quota codes nearest to it: ${close.map((c) => `${c} (${nameOf(c)})`).join(', ')}.`;
}

const parseValue = (text: string): number | undefined => {
  const value = text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
};

/**
 * `--quota L-3819A6DF=8` values.
 * @throws SpotctlError BAD_QUOTA_FLAG / UNKNOWN_QUOTA_CODE (usage).
 */
export function parseQuotaFlags(values: string[]): GivenQuota[] {
  return values.map((entry) => {
    const at = entry.indexOf('=');
    if (at < 0) {
      throw usageError('BAD_QUOTA_FLAG', `--quota "${entry}" is not CODE=VALUE`, {
        suggestions: ['Write it like --quota L-3819A6DF=64 (the quota code, then the vCPUs).'],
      });
    }
    const rawCode = entry.slice(0, at);
    const code = knownCode(rawCode);
    if (!code) {
      throw usageError('UNKNOWN_QUOTA_CODE', `--quota: "${rawCode}" is not an EC2 vCPU quota code`, {
        suggestions: [unknownCodeHint(rawCode)],
      });
    }
    const value = parseValue(entry.slice(at + 1));
    if (value === undefined) {
      throw usageError(
        'BAD_QUOTA_FLAG',
        `--quota ${code}: "${entry.slice(at + 1)}" is not a number of vCPUs`,
        {
          suggestions: [`Write it like --quota ${code}=64; a quota is zero or more vCPUs.`],
        },
      );
    }
    return { code, value, source: 'flag' as const };
  });
}

/**
 * Read a quotas file through the manifest port.
 * @throws SpotctlError (input) for a missing, oversized or malformed file, or an unknown code.
 */
export async function readQuotasFile(path: string, fs: ManifestFsPort): Promise<GivenQuota[]> {
  const next =
    'Write the file as `L-3819A6DF: 64` lines (YAML or JSON), or save `aws service-quotas list-service-quotas --service-code ec2` output.';
  if ((await fs.kind(path)) !== 'file')
    throw inputError('QUOTAS_FILE_NOT_FOUND', `--quotas ${path}: no such file`, { suggestions: [next] });
  let text: string;
  try {
    text = await fs.readText(path);
  } catch (error) {
    throw inputError(
      'QUOTAS_FILE_NOT_READABLE',
      `cannot read ${path}: ${(error as { code?: string }).code ?? (error as Error).message}`,
      {
        suggestions: ['Check the file’s permissions.'],
      },
    );
  }
  if (Buffer.byteLength(text, 'utf8') > MAX_QUOTAS_FILE_BYTES)
    throw inputError('QUOTAS_FILE_TOO_LARGE', `${path} is larger than ${MAX_QUOTAS_FILE_BYTES / 1024} KiB`, {
      suggestions: [next],
    });
  const parsed = parseYamlFile(path, text);
  const problem = parsed.problems[0];
  if (problem)
    throw inputError(
      'MALFORMED_QUOTAS_FILE',
      `${path}:${problem.line}:${problem.column} ${problem.message}`,
      {
        suggestions: [next],
      },
    );
  const doc = parsed.documents.find((d) => !d.empty);
  if (!doc)
    throw inputError('MALFORMED_QUOTAS_FILE', `${path}: no quotas in the file`, { suggestions: [next] });
  const { ctx } = doc;
  const root = ctx.doc.contents;
  const bad = (node: unknown, message: string, hint = next) => {
    const span = spanOf(ctx, node);
    return inputError('MALFORMED_QUOTAS_FILE', `${path}:${span.line}:${span.column} ${message}`, {
      suggestions: [hint],
    });
  };

  const entries: Array<{ code: string; value: unknown; node: unknown; strict: boolean }> = [];
  const listed = child(ctx, root, 'Quotas');
  if (listed !== undefined) {
    // The ListServiceQuotas response: other EC2 quotas (Elastic IPs…) are simply not vCPU quotas.
    for (const item of seqItems(ctx, listed))
      entries.push({
        code: String(scalarValue(ctx, child(ctx, item, 'QuotaCode')) ?? ''),
        value: scalarValue(ctx, child(ctx, item, 'Value')),
        node: item,
        strict: false,
      });
  } else {
    const map = mapEntries(ctx, root);
    if (map.length === 0) throw bad(root, 'the file is not a map of quota codes to vCPUs');
    for (const entry of map)
      entries.push({
        code: entry.key,
        value: scalarValue(ctx, entry.value),
        node: entry.keyNode,
        strict: true,
      });
  }

  const given: GivenQuota[] = [];
  for (const entry of entries) {
    const code = knownCode(entry.code);
    if (!code) {
      if (!entry.strict) continue;
      throw bad(entry.node, `"${entry.code}" is not an EC2 vCPU quota code`, unknownCodeHint(entry.code));
    }
    const value =
      typeof entry.value === 'number'
        ? parseValue(String(entry.value))
        : typeof entry.value === 'string'
          ? parseValue(entry.value)
          : undefined;
    if (value === undefined)
      throw bad(entry.node, `${code}: "${String(entry.value ?? '')}" is not a number of vCPUs`);
    given.push({ code, value, source: 'file', file: path });
  }
  return given;
}

/** File values, then flags over them: one value per code. */
export function mergeGivenQuotas(...lists: GivenQuota[][]): Map<string, GivenQuota> {
  const merged = new Map<string, GivenQuota>();
  for (const list of lists) for (const quota of list) merged.set(quota.code, quota);
  return merged;
}
