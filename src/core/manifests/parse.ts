/**
 * Parsing YAML text into documents safely: syntax errors become located problems instead of exceptions,
 * and documents whose aliases expand past a limit (the "billion laughs" attack) are refused before
 * anything walks them. A duplicate key is a problem too, but the document is still read (the last value
 * counts), so one repeated key does not hide everything else wrong with it.
 */
import { isMap, isScalar, LineCounter, parseAllDocuments, visit, type Document } from 'yaml';

import type { LoadProblem } from './types.js';
import type { TreeContext } from './yaml-tree.js';

/** Alias expansions allowed per document; real manifests use a handful at most. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedDocument {
  index: number;
  ctx: TreeContext;
  /** The document as plain data, aliases expanded. */
  value: unknown;
  /** The document has no content (`---` followed by nothing, or only comments). */
  empty: boolean;
}

export interface ParsedFile {
  path: string;
  text: string;
  lineCounter: LineCounter;
  documents: ParsedDocument[];
  problems: LoadProblem[];
}

/**
 * Parse every document of a file. Documents with syntax errors or too many aliases are reported in
 * `problems` and left out of `documents`; the others are returned even when a sibling is broken.
 */
export function parseYamlFile(path: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const problems: LoadProblem[] = [];
  const documents: ParsedDocument[] = [];
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
    }) as Document.Parsed[];
  } catch (error) {
    problems.push({ file: path, line: 1, column: 1, code: 'yaml-syntax', message: (error as Error).message });
    return { path, text, lineCounter, documents, problems };
  }
  // parseAllDocuments returns an EmptyStream (not an array) for text with no documents at all.
  const list = Array.isArray(parsed) ? parsed : [];
  list.forEach((doc, index) => {
    if (doc.errors.some((e) => e.code === 'DUPLICATE_KEY'))
      problems.push(...duplicateKeys(path, doc, lineCounter));
    const errors = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    if (errors.length > 0) {
      for (const error of errors) {
        const offset = error.pos?.[0] ?? 0;
        const { line, col } = lineCounter.linePos(offset);
        problems.push({
          file: path,
          line,
          column: col,
          code: 'yaml-syntax',
          message: firstLine(error.message),
        });
      }
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const offset = doc.contents?.range?.[0] ?? 0;
      const { line, col } = lineCounter.linePos(offset);
      const aliasLimit = error instanceof ReferenceError || /alias/i.test((error as Error).message);
      problems.push({
        file: path,
        line,
        column: col,
        code: aliasLimit ? 'yaml-alias-limit' : 'yaml-syntax',
        message: aliasLimit
          ? `YAML aliases expand past ${MAX_ALIAS_COUNT} references in this document (an alias bomb?); refusing to read it`
          : firstLine((error as Error).message),
      });
      return;
    }
    const contents = doc.contents as { value?: unknown } | null;
    const empty =
      contents === null || (typeof contents === 'object' && 'value' in contents && contents.value === null);
    documents.push({ index, ctx: { doc, lineCounter }, value, empty });
  });
  return { path, text, lineCounter, documents, problems };
}

/** Every repeated key of every mapping, at the repetition, naming the line of the first. */
function duplicateKeys(path: string, doc: Document.Parsed, lineCounter: LineCounter): LoadProblem[] {
  const problems: LoadProblem[] = [];
  visit(doc, {
    Map: (_, map) => {
      if (!isMap(map)) return;
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key) || !pair.key.range) continue;
        const key = String(pair.key.value);
        const { line, col } = lineCounter.linePos(pair.key.range[0]);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, line);
        else
          problems.push({
            file: path,
            line,
            column: col,
            code: 'yaml-duplicate-key',
            message: `key ${JSON.stringify(key)} is already set on line ${first}; only this last value is read`,
          });
      }
    },
  });
  return problems;
}

const firstLine = (message: string): string =>
  message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
