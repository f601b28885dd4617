/** `3 days`, `5 hours`, `4 months`. */
export function describeAge(from: string, now: Date): string {
  const hours = Math.max(0, (now.getTime() - Date.parse(from)) / 3_600_000);
  if (hours < 1) return 'less than an hour';
  if (hours < 48) return `${Math.round(hours)} hours`;
  const days = hours / 24;
  if (days < 60) return `${Math.round(days)} days`;
  return `${Math.round(days / 30)} months`;
}

/** Where the data came from and how old it is, one line, the same in every command. */
export function renderSourceLine(
  analysis: { source: { description: string; generatedAt: string; spotPricesDerived: boolean } },
  now: Date,
): string {
  const derived = analysis.source.spotPricesDerived ? '; Spot prices are estimates' : '';
  return `Data: ${analysis.source.description} (${describeAge(analysis.source.generatedAt, now)} old${derived})`;
}
