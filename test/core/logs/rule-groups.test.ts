/**
 * Grouped rule matching must find exactly the rules that testing each one finds, in their order: on the
 * knowledge base's own text rules against every real log line and every message template, and on
 * expressions that cannot be joined (back-references, named groups, stateful flags).
 */
import { readdirSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { KNOWLEDGE_BASE } from '../../../src/core/logs/knowledge/index.js';
import { groupRules, matchingRules } from '../../../src/core/logs/rule-groups.js';
import { allTemplates } from '../../../src/core/logs/templates.js';
import { describeShared, readShared, sharedPath } from '../../helpers/shared.js';

const identity = (re: RegExp): RegExp => re;
const rules = KNOWLEDGE_BASE.flatMap((entry) =>
  entry.match.flatMap((rule) => (rule.text ? [rule.text] : [])),
);
const grouped = groupRules(rules, identity);
const byEach = (text: string): RegExp[] => rules.filter((re) => re.test(text));
const byPlace = (a: RegExp, b: RegExp): number => rules.indexOf(a) - rules.indexOf(b);

describe('grouped rule matching', () => {
  it('joins the rules into fewer expressions, each group one set of flags', () => {
    expect(rules.length).toBeGreaterThan(50);
    expect(grouped.groups.length).toBeLessThan(rules.length / 4);
    expect(grouped.groups.flatMap((g) => g.members.map((m) => m.rule)).sort(byPlace)).toEqual(rules);
    for (const { any, members } of grouped.groups)
      for (const { rule } of members) expect(rule.flags, rule.source).toBe(any.flags);
  });

  it('finds what testing each rule finds on every message template, with and without a tail', () => {
    const texts = allTemplates().flatMap((t) => [t.template, `${t.template}: i/o timeout`]);
    const wrong = texts.filter(
      (text) => matchingRules(grouped, identity, text).join('\n') !== byEach(text).join('\n'),
    );
    expect(texts.length).toBeGreaterThan(2000);
    // (the comparison can fail: many templates match a rule)
    expect(texts.filter((text) => byEach(text).length > 0).length).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it('keeps an expression that cannot be joined on its own', () => {
    const special = [/a/, /(x)\1/, /(?<word>y)\k<word>/, /b/g, /c/i, /d/i, /^e$/, /^ae?$/];
    const groups = groupRules(special, identity).groups;
    expect(groups.map((g) => g.members.map((m) => String(m.rule)))).toEqual([
      ['/(x)\\1/'],
      ['/(?<word>y)\\k<word>/'],
      ['/b/g'],
      ['/a/', '/^e$/', '/^ae?$/'],
      ['/c/i', '/d/i'],
    ]);
    for (const text of ['xx', 'yy', 'b', 'C', 'D', 'e', 'ae', 'x', 'nothing'])
      expect(matchingRules({ groups }, identity, text).map(String), text).toEqual(
        special.filter((re) => new RegExp(re.source, re.flags.replace('g', '')).test(text)).map(String),
      );
  });
});

describeShared('grouped rule matching on real logs', () => {
  it('finds what testing each rule finds on every line of every fixture', () => {
    const lines = readdirSync(sharedPath('fixtures/karpenter-logs'))
      .filter((file) => file.endsWith('.log'))
      .flatMap((file) => readShared('fixtures/karpenter-logs', file).split('\n'));
    const wrong = lines.filter(
      (line) => matchingRules(grouped, identity, line).join('\n') !== byEach(line).join('\n'),
    );
    expect(lines.length).toBeGreaterThan(200);
    expect(wrong).toEqual([]);
  });
});
