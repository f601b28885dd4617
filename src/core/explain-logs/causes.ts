/**
 * Causes before consequences: when one problem of the stream follows from another (capacity errors after
 * an invalid instance profile, UnfulfillableCapacity after InsufficientInstanceCapacity), the root is
 * reported first and the others are linked to it. The links are data: each entry names what it causes.
 */
import { entryById, type KnowledgeEntry } from '../logs/knowledge/index.js';
import type { Problem } from './result.js';

const causesOf = (entry: KnowledgeEntry | undefined, other: Problem): boolean => {
  if (!entry?.causes) return false;
  const target = entryById(other.id);
  return entry.causes.some((c) =>
    c.startsWith('area:')
      ? target?.area === c.slice(5)
      : c.startsWith('category:')
        ? other.category === c.slice(9)
        : c === other.id,
  );
};

/**
 * Link each problem to the first problem that causes it (roots first: a cause that has a cause of its own
 * is considered after the ones that do not), and order the list: each root, then what follows from it.
 */
export function linkCauses(problems: Problem[]): Problem[] {
  const byId = new Map(problems.map((p) => [p.id, p]));
  const edges = new Map<string, string[]>();
  for (const cause of problems) {
    const entry = entryById(cause.id);
    const effects = problems.filter((p) => p !== cause && causesOf(entry, p)).map((p) => p.id);
    if (effects.length > 0) edges.set(cause.id, effects);
  }
  const hasCause = new Set([...edges.values()].flat());
  // Roots in the list's order first, then causes that are themselves effects.
  const order = [...edges.keys()].sort((a, b) => Number(hasCause.has(a)) - Number(hasCause.has(b)));
  const causedBy = new Map<string, string>();
  for (const cause of order) {
    for (const effect of edges.get(cause)!) {
      if (causedBy.has(effect) || causedBy.get(cause) === effect || effect === cause) continue;
      causedBy.set(effect, cause);
    }
  }
  const linked = problems.map((p) => {
    const cause = causedBy.get(p.id);
    const consequences = problems.filter((q) => causedBy.get(q.id) === p.id).map((q) => q.id);
    if (!cause && consequences.length === 0) return p;
    const root = cause ? byId.get(cause) : undefined;
    return {
      ...p,
      ...(cause ? { causedBy: cause } : {}),
      ...(consequences.length > 0 ? { consequences } : {}),
      ...(root
        ? {
            explanation: `Here this follows from “${root.title}” (${root.id}): fix that first. ${p.explanation}`,
          }
        : {}),
    };
  });
  // Each root, then its consequences (depth first), then the rest in their order.
  const out: Problem[] = [];
  const placed = new Set<string>();
  const place = (p: Problem) => {
    if (placed.has(p.id)) return;
    placed.add(p.id);
    out.push(p);
    for (const q of linked) if (q.causedBy === p.id) place(q);
  };
  for (const p of linked) if (!p.causedBy) place(p);
  for (const p of linked) place(p);
  return out;
}
