import { describe, expect, it } from 'vitest';

import { ansiStyle, plainStyle } from '../../../src/core/format/style.js';
import { explainLogs } from '../../../src/core/explain-logs/analyse.js';
import { fitToWidth } from '../../../src/runtime/wrap-text.js';
import {
  formatBytes,
  number,
  renderExplanation,
  shortPath,
  wrap,
} from '../../../src/core/explain-logs/text.js';

const lines = [
  '2022-01-28T13:15:43.351Z\tDEBUG\tcontroller.provisioning\tInsufficientInstanceCapacity for offering { instanceType: g4dn.xlarge, zone: us-east-1c, capacityType: spot }, avoiding for 45s\t{"commit": "2346ed5"}',
  '2022-01-28T13:15:43.351Z\tERROR\tcontroller.provisioning\tCould not launch node, launching instances, with fleet error(s), InsufficientInstanceCapacity: We currently do not have sufficient g4dn.xlarge capacity in the Availability Zone you requested (us-east-1c).\t{"commit": "2346ed5", "provisioner": "gpu"}',
  '2022-01-28T13:16:00.000Z\tERROR\tcontroller.provisioning\tsomething nobody has seen before\t{"commit": "2346ed5"}',
  '2022-01-28T13:16:10.000Z\tINFO\tcontroller.provisioning\tLaunched instance: i-1, hostname: ip-1, type: g4dn.2xlarge, zone: us-east-1a, capacityType: spot\t{"commit": "2346ed5"}',
].join('\n');

describe('human output', async () => {
  const result = await explainLogs([{ name: 'karpenter.log', chunks: [Buffer.from(lines)] }]);
  const text = renderExplanation(result, plainStyle);

  it('starts with the summary: lines, bytes, time range, version, TTL, counts', () => {
    const [first, second, third, fourth] = text.split('\n');
    expect(first).toBe(
      'Read 4 lines (791 B) from karpenter.log · 2022-01-28 13:15:43Z → 2022-01-28 13:16:10Z',
    );
    expect(second).toMatch(/^Records 4 · skipped 0 · formats: karpenter-console 4$/);
    expect(third).toBe(
      'Karpenter v0.5.6 (from the commit 2346ed5, built after v0.5.5 and released in v0.5.6) · unavailable-offerings TTL 45 s',
    );
    expect(fourth).toBe('Problems: 0 errors, 1 warning, 1 notice, 1 unrecognised error line');
  });

  it('explains each problem with seen, codes, affected, example, why, numbered actions and docs', () => {
    const block = text.slice(text.indexOf('WARN   Insufficient capacity'));
    expect(block).toMatch(/Seen\s+2022-01-28 13:15:43Z\n/);
    expect(block).toMatch(/Codes\s+InsufficientInstanceCapacity\n/);
    expect(block).toMatch(/Affected\s+types g4dn.xlarge · zones us-east-1c · NodePools gpu\n/);
    expect(block).toMatch(/Example\s+karpenter.log:2 2022-01-28T13:15:43.351Z/);
    expect(block).toMatch(/\n {4}1\. Let the NodePool use more instance types/);
    expect(block).toMatch(/Docs\s+https:\/\//);
  });

  it('shows the timeline, the blocked offerings and the unrecognised lines', () => {
    expect(text).toMatch(/Timeline\n\s+TIME\s+EVENT\s+COUNT\s+WHAT\n\s+2022-01-28 13:15:43Z\s+blocked/);
    expect(text).toMatch(/2022-01-28 13:16:10Z\s+launch\s+Node launched — g4dn.2xlarge · spot · us-east-1a/);
    expect(text).toMatch(
      /spot\s+g4dn.xlarge\s+us-east-1c\s+InsufficientInstanceCapacity\s+2022-01-28 13:15:43Z\s+2022-01-28 13:16:28Z\s+1\s+log/,
    );
    expect(text).toMatch(/Unrecognised error lines \(1; not in the knowledge base/);
    expect(text).toMatch(
      /karpenter.log:3 2022-01-28T13:16:00.000Z\s+ERROR\s+controller.provisioning\s+something nobody has seen before/,
    );
  });

  it('prints no escape codes in plain style and colours severities in ANSI style', () => {
    expect(text).not.toContain('\u001b');
    expect(renderExplanation(result, ansiStyle)).toContain('\u001b[33mWARN \u001b[39m');
  });
});

describe('helpers', () => {
  it.each([
    [0, '0 B'],
    [1536, '1.5 KB'],
    [150 * 1024 * 1024, '150 MB'],
    [1024 ** 3, '1.0 GB'],
  ])('formatBytes(%d) = %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it('wraps at the width without breaking long words', () => {
    expect(wrap('aaa bbb ccc https://example.com/a/very/long/url', 12, '  ')).toBe(
      '  aaa bbb\n  ccc\n  https://example.com/a/very/long/url',
    );
  });
});

describe('long file paths on a terminal', async () => {
  const deep = `/home/someone/${'nested/'.repeat(12)}karpenter-controller.log`;
  const result = await explainLogs([{ name: deep, chunks: [Buffer.from(lines)] }]);

  it('are shortened from the left, the file name kept, so the lines they label fit', () => {
    const text = renderExplanation(result, plainStyle, { width: 80 });
    expect(text).toContain('from …/nested/nested/karpenter-controller.log ·');
    expect(text).toMatch(/Example\s+…\/nested\/karpenter-controller\.log:\d+ /);
    expect(text).toMatch(/\n {2}…\/(nested\/)*karpenter-controller\.log:3 /);
    // As a terminal shows it: the last step wraps prose at spaces, so only unbreakable words could overflow.
    const shown = fitToWidth(text, 80);
    for (const line of shown.split('\n').filter((l) => l.includes('karpenter-controller.log')))
      expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it('are kept whole when piped (no width)', () => {
    expect(renderExplanation(result, plainStyle)).toContain(`${deep}:2`);
  });

  it.each([
    ['short.log', 20, 'short.log'],
    ['/a/b/c/d/file.log', 13, '…/d/file.log'],
    ['/a/b/a-very-long-file-name.log', 10, '…-name.log'],
  ])('shortPath(%s, %d) = %s', (path, max, expected) => {
    expect(shortPath(path, max)).toBe(expected);
    expect([...shortPath(path, max)].length).toBeLessThanOrEqual(max);
  });
});

describe('unrecognised lines', () => {
  it('name the nearest known message template, as a place to look, not an explanation', async () => {
    // Given an error line no entry explains, worded like a template in Karpenter's source
    const line =
      '{"level":"ERROR","time":"2025-01-01T00:00:00Z","logger":"controller","message":"unable to hydrate the launch template cache for nodeclass default"}';
    const result = await explainLogs([{ name: 'k.log', chunks: [Buffer.from(line)] }]);
    // Then it is listed as unrecognised, with its nearest template and where that is printed
    expect(result.problems).toEqual([]);
    expect(result.unrecognized.lines[0]?.nearest).toMatchObject({
      template: 'Unable to hydrate the AWS launch template cache, %s',
      file: 'pkg/providers/launchtemplate/launchtemplate.go',
    });
    expect(renderExplanation(result, plainStyle)).toMatch(
      /nearest known message: “Unable to hydrate the AWS launch template cache, %s” \(pkg\/providers\/launchtemplate\/launchtemplate\.go, v0\.\d+ – v0\.\d+\)/,
    );
  });

  it('name none when nothing is alike', async () => {
    const line = '{"level":"ERROR","time":"2025-01-01T00:00:00Z","message":"zorp quux blorf"}';
    const result = await explainLogs([{ name: 'k.log', chunks: [Buffer.from(line)] }]);
    expect(result.unrecognized.lines[0]?.nearest).toBeUndefined();
  });
});

describe('counts', () => {
  it('are grouped in thousands as en-US writes them', () => {
    // Given counts of every length, negative ones and a fraction; Then each reads as toLocaleString gives it
    for (const n of [0, 7, 42, 999, 1000, 12345, 999999, 1000000, 763795, 2 ** 40, -1234, 3.25])
      expect(number(n), String(n)).toBe(n.toLocaleString('en-US'));
  });
});
