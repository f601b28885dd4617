import { describe, expect, it } from 'vitest';

import { ExitCode, isSpotctlError, type SpotctlError } from '../../../src/core/errors.js';
import type { ManifestFsPort } from '../../../src/core/manifests/sources.js';
import {
  KNOWN_QUOTA_CODES,
  MAX_QUOTAS_FILE_BYTES,
  mergeGivenQuotas,
  parseQuotaFlags,
  readQuotasFile,
} from '../../../src/core/quota-check/quota-values.js';
import { describeShared, readSharedJson } from '../../helpers/shared.js';

/** Files by path, read through the same port the manifests use. */
function filesPort(files: Record<string, string>): ManifestFsPort & { read: string[] } {
  const read: string[] = [];
  return {
    read,
    kind: async (path) => (path in files ? 'file' : undefined),
    readDir: async () => [],
    readText: async (path) => {
      read.push(path);
      return files[path]!;
    },
    readStdin: async () => '',
    realPath: async (path) => path,
    join: (...parts) => parts.join('/'),
  };
}

async function rejected(promise: Promise<unknown>): Promise<SpotctlError> {
  try {
    await promise;
  } catch (error) {
    if (isSpotctlError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

function thrown(fn: () => unknown): SpotctlError {
  try {
    fn();
  } catch (error) {
    if (isSpotctlError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('--quota CODE=VALUE', () => {
  it.each([
    { values: ['L-3819A6DF=8'], expected: [['L-3819A6DF', 8]] },
    {
      values: ['l-3819a6df=8.5', 'L-1216C47A=0'],
      expected: [
        ['L-3819A6DF', 8.5],
        ['L-1216C47A', 0],
      ],
    },
  ])('$values', ({ values, expected }) => {
    expect(parseQuotaFlags(values).map((q) => [q.code, q.value])).toEqual(expected);
    expect(parseQuotaFlags(values).every((q) => q.source === 'flag')).toBe(true);
  });

  it.each([
    {
      value: 'L-3819A6DE=8',
      code: 'UNKNOWN_QUOTA_CODE',
      message: /"L-3819A6DE" is not an EC2 vCPU quota code/,
      hint: /^Known EC2 vCPU quota codes nearest to it: L-3819A6DF \(All G and VT Spot Instance Requests\)/,
    },
    {
      value: 'L-0263D0A3=5',
      code: 'UNKNOWN_QUOTA_CODE',
      message: /"L-0263D0A3" is not an EC2 vCPU quota code/,
      hint: /nearest to it: L-\w{8} \(.+\), L-\w{8} \(.+\), L-\w{8} \(.+\)\.$/,
    },
    {
      value: 'L-3819A6DF',
      code: 'BAD_QUOTA_FLAG',
      message: /is not CODE=VALUE/,
      hint: /--quota L-3819A6DF=64/,
    },
    {
      value: 'L-3819A6DF=-1',
      code: 'BAD_QUOTA_FLAG',
      message: /"-1" is not a number of vCPUs/,
      hint: /zero or more vCPUs/,
    },
    {
      value: 'L-3819A6DF=',
      code: 'BAD_QUOTA_FLAG',
      message: /"" is not a number of vCPUs/,
      hint: /L-3819A6DF=64/,
    },
  ])('$value is a usage error ($code)', ({ value, code, message, hint }) => {
    const error = thrown(() => parseQuotaFlags([value]));
    expect(error.code).toBe(code);
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.message).toMatch(message);
    expect(error.suggestions[0]).toMatch(hint);
  });

  it('flags win over the file', () => {
    const merged = mergeGivenQuotas(
      [{ code: 'L-3819A6DF', value: 64, source: 'file', file: 'q.yaml' }],
      parseQuotaFlags(['L-3819A6DF=8']),
    );
    expect(merged.get('L-3819A6DF')).toEqual({ code: 'L-3819A6DF', value: 8, source: 'flag' });
  });
});

describe('--quotas FILE', () => {
  it.each([
    { name: 'a YAML map', text: '# per account\nL-3819A6DF: 8\nL-1216C47A: "1920"\n' },
    { name: 'a JSON map', text: '{"L-3819A6DF": 8, "L-1216C47A": 1920}' },
  ])('$name of codes to vCPUs, read through the manifest port', async ({ text }) => {
    const fs = filesPort({ 'quotas.yaml': text });
    const given = await readQuotasFile('quotas.yaml', fs);
    expect(fs.read).toEqual(['quotas.yaml']);
    expect(given).toEqual([
      { code: 'L-3819A6DF', value: 8, source: 'file', file: 'quotas.yaml' },
      { code: 'L-1216C47A', value: 1920, source: 'file', file: 'quotas.yaml' },
    ]);
  });

  it.each([
    {
      text: 'L-3819A6DF: 8\nL-3819A6DE: 4\n',
      code: 'MALFORMED_QUOTAS_FILE',
      message: /^q\.yaml:2:1 "L-3819A6DE" is not an EC2 vCPU quota code$/,
    },
    {
      text: 'L-3819A6DF: eight\n',
      code: 'MALFORMED_QUOTAS_FILE',
      message: /^q\.yaml:1:1 L-3819A6DF: "eight" is not a number of vCPUs$/,
    },
    { text: 'L-3819A6DF: -8\n', code: 'MALFORMED_QUOTAS_FILE', message: /"-8" is not a number of vCPUs/ },
    { text: 'L-3819A6DF: [8\n', code: 'MALFORMED_QUOTAS_FILE', message: /^q\.yaml:\d+:\d+ / },
    { text: '- 8\n- 9\n', code: 'MALFORMED_QUOTAS_FILE', message: /^q\.yaml:1:1 the file is not a map/ },
    { text: '# nothing\n', code: 'MALFORMED_QUOTAS_FILE', message: /no quotas in the file/ },
  ])('$text → input error $code', async ({ text, code, message }) => {
    const error = await rejected(readQuotasFile('q.yaml', filesPort({ 'q.yaml': text })));
    expect(error.code).toBe(code);
    expect(error.exitCode).toBe(ExitCode.input);
    expect(error.message).toMatch(message);
  });

  it('a missing file or one past the size limit is refused before it is parsed', async () => {
    expect((await rejected(readQuotasFile('none.yaml', filesPort({})))).code).toBe('QUOTAS_FILE_NOT_FOUND');
    const big = `# ${'x'.repeat(MAX_QUOTAS_FILE_BYTES)}\nL-3819A6DF: 8\n`;
    const error = await rejected(readQuotasFile('big.yaml', filesPort({ 'big.yaml': big })));
    expect([error.code, error.exitCode]).toEqual(['QUOTAS_FILE_TOO_LARGE', ExitCode.input]);
  });
});

describeShared('quota codes from the reference data', () => {
  it('spotctl knows exactly the 19 EC2 vCPU quota codes', () => {
    const reference = readSharedJson<{ quotas: Array<{ quotaCode: string }> }>(
      'reference/service-quotas/ec2-vcpu-quotas.json',
    );
    expect(KNOWN_QUOTA_CODES).toEqual(reference.quotas.map((q) => q.quotaCode).sort());
  });

  it('reads saved `aws service-quotas list-service-quotas` output, keeping only the vCPU quotas', async () => {
    // Given the real GetServiceQuota record shape, as a ListServiceQuotas dump with an unrelated quota
    const real = readSharedJson<{ Quota: Record<string, unknown> }>(
      'reference/ec2-api/service-quotas/aws-cli.get-service-quota.L-1216C47A.json',
    ).Quota;
    const dump = {
      Quotas: [real, { ...real, QuotaCode: 'L-0263D0A3', QuotaName: 'EC2-VPC Elastic IPs', Value: 5 }],
    };
    const given = await readQuotasFile(
      'quotas.json',
      filesPort({ 'quotas.json': JSON.stringify(dump, null, 2) }),
    );
    expect(given).toEqual([{ code: 'L-1216C47A', value: 1920, source: 'file', file: 'quotas.json' }]);
  });
});
