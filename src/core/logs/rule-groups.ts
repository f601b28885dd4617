/**
 * Which of many regular expressions a text matches, in their order, without testing each: expressions
 * with the same flags are joined, a few at a time, into one alternation per group, and only the members
 * of a group whose alternation matches are tested. Most texts a log holds match none or one of the knowledge
 * base's ~100 text rules, so a text costs about one test per group instead of one per rule.
 *
 * An alternation of `(?:a)|(?:b)` matches somewhere exactly when `a` or `b` does, as long as no
 * expression refers to a group by number or name (checked) and none keeps state between calls (`g`, `y`).
 */

/** Members per group: small enough that a hit costs few extra tests, large enough to save most of them. */
const GROUP_SIZE = 8;

export interface RuleGroups<T> {
  /** Each member with its place in the rules, so that what is found comes back in the rules' order. */
  groups: Array<{ any: RegExp; members: Array<{ rule: T; at: number }> }>;
}

/** Whether `re` can stand inside an alternation with others and mean the same. */
const joinable = (re: RegExp): boolean =>
  !re.global && !re.sticky && !/\\[1-9]|\\k<|\(\?<[^=!]/.test(re.source);

/** Group `rules` (each with its expression, `textOf`): rules with the same flags together, in order. */
export function groupRules<T>(rules: readonly T[], textOf: (rule: T) => RegExp): RuleGroups<T> {
  const groups: RuleGroups<T>['groups'] = [];
  const open = new Map<string, Array<{ rule: T; at: number }>>();
  const close = (members: Array<{ rule: T; at: number }>) => {
    const first = textOf(members[0]!.rule);
    const any =
      members.length === 1
        ? first
        : new RegExp(members.map((m) => `(?:${textOf(m.rule).source})`).join('|'), first.flags);
    groups.push({ any, members });
  };
  rules.forEach((rule, at) => {
    const re = textOf(rule);
    if (!joinable(re)) {
      close([{ rule, at }]);
      return;
    }
    const members = open.get(re.flags) ?? [];
    members.push({ rule, at });
    open.set(re.flags, members);
    if (members.length >= GROUP_SIZE) {
      close(members);
      open.delete(re.flags);
    }
  });
  for (const members of open.values()) close(members);
  return { groups };
}

/** The rules whose expression matches `text`, in their order. */
export function matchingRules<T>({ groups }: RuleGroups<T>, textOf: (rule: T) => RegExp, text: string): T[] {
  const found: Array<{ rule: T; at: number }> = [];
  for (const { any, members } of groups) {
    if (!any.test(text)) continue;
    if (members.length === 1) found.push(members[0]!);
    else for (const member of members) if (textOf(member.rule).test(text)) found.push(member);
  }
  if (found.length > 1) found.sort((a, b) => a.at - b.at);
  return found.map((member) => member.rule);
}
