/** An hourly USD price for tables: four decimals, `—` when unknown. */
export const formatUsd = (value: number | undefined): string =>
  value === undefined ? '—' : `$${value.toFixed(4)}`;
