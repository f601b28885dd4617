const BARS = '▁▂▃▄▅▆▇█';

/** A Unicode sparkline of the values, scaled between their min and max; flat series draw mid-height. */
export function sparkline(values: number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (max === min) return BARS[3]!.repeat(values.length);
  return values.map((v) => BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))]).join('');
}
