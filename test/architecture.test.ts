/**
 * The shape every command keeps (see the house style): imports flow one way with no cycle, the core does
 * no I/O and never touches the process, commands stay thin, files stay small. Each check is shown to be
 * able to fail on a made-up input first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { repoRoot } from './helpers/shared.js';

const SRC = join(repoRoot, 'src');

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles();

const rel = (path: string) => relative(repoRoot, path);
const text = new Map(files.map((path) => [path, readFileSync(path, 'utf8')]));

/** Relative imports (static, dynamic and re-exports) of a file, as resolved .ts paths. */
function importsOf(path: string, source: string): string[] {
  const specs = [...source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((spec) => resolve(dirname(path), spec).replace(/\.js$/, '.ts'));
}

/** Every import cycle (strongly connected component with more than one file, or a file importing itself). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component);
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

const IO_MODULES = /['"]node:(?:fs|fs\/promises|worker_threads|child_process|net|http|https|readline)['"]/;

/** Code without comments and string contents, so a word in prose does not count as a use. */
const codeOnly = (source: string): string =>
  source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/`(?:\\.|[^`\\])*`/g, '``')
    .replace(/'(?:\\.|[^'\\])*'/g, "''")
    .replace(/"(?:\\.|[^"\\])*"/g, '""');

/** Lines of each command's `run()` body, flag and help declarations not counted (they are outside it). */
export function runLength(source: string): number | undefined {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => /^ {2}(?:override )?async run\(\)/.test(line));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, i) => i > start && line === '  }');
  return end - start - 1;
}

describe('architecture', () => {
  it('has no import cycle in src/', () => {
    const graph = new Map(files.map((path) => [path, importsOf(path, text.get(path)!)]));
    // The check finds a cycle when there is one.
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['a']],
          ['c', ['a']],
        ]),
      ),
    ).toHaveLength(1);
    expect(cycles(graph).map((component) => component.map(rel))).toEqual([]);
  });

  it('keeps src/core free of I/O modules, process and console', () => {
    expect(IO_MODULES.test(`import { readFile } from 'node:fs/promises';`)).toBe(true);
    expect(/\b(?:process|console)\./.test(codeOnly('// process.env in a comment'))).toBe(false);
    const offenders = files
      .filter((path) => rel(path).startsWith('src/core/'))
      .flatMap((path) => {
        const source = text.get(path)!;
        const problems: string[] = [];
        if (IO_MODULES.test(source)) problems.push(`${rel(path)}: imports an I/O module`);
        if (/\b(?:process|console)\b/.test(codeOnly(source)))
          problems.push(`${rel(path)}: touches process or console`);
        return problems;
      });
    expect(offenders).toEqual([]);
  });

  it('keeps every command run() at 30 lines or fewer', () => {
    expect(runLength('class A {\n  async run(): Promise<void> {\n    a();\n    b();\n  }\n}')).toBe(2);
    const long = files
      .filter((path) => rel(path).startsWith('src/commands/'))
      .map((path) => ({ file: rel(path), lines: runLength(text.get(path)!) ?? 0 }))
      .filter(({ lines }) => lines > 30);
    expect(long).toEqual([]);
  });

  it('keeps every source file at 600 lines or fewer', () => {
    const large = files
      .map((path) => ({ file: rel(path), lines: text.get(path)!.split('\n').length }))
      .filter(({ lines }) => lines > 600);
    expect(large).toEqual([]);
  });
});
