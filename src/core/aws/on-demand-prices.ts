/**
 * On-Demand prices from the AWS Price List Query API (Pricing GetProducts): the filters that narrow
 * AmazonEC2's catalogue to one price per instance type (Linux, shared tenancy, no pre-installed software,
 * used capacity), and the parser of the `PriceList` items, which arrive as JSON documents encoded as strings.
 */
import type { PricingFilter } from './ports.js';

/** The Price List API limits a filter value to 1024 characters. */
const MAX_FILTER_VALUE = 1024;

/** Attribute values that make one product per instance type: Linux On-Demand on shared hardware. */
export const LINUX_SHARED_ATTRIBUTES: Readonly<Record<string, string>> = {
  operatingSystem: 'Linux',
  tenancy: 'Shared',
  preInstalledSw: 'NA',
  capacitystatus: 'Used',
  licenseModel: 'No License required',
};

/**
 * GetProducts filter sets for the given types in one Region: as few as the API allows — every type in one
 * ANY_OF filter, split only where the comma-separated value would pass 1024 characters.
 */
export function onDemandProductFilters(region: string, instanceTypes: readonly string[]): PricingFilter[][] {
  const common: PricingFilter[] = [
    { Type: 'TERM_MATCH', Field: 'regionCode', Value: region },
    ...Object.entries(LINUX_SHARED_ATTRIBUTES).map(([Field, Value]): PricingFilter => ({
      Type: 'TERM_MATCH',
      Field,
      Value,
    })),
  ];
  const groups: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const type of new Set(instanceTypes)) {
    const grown = current.length === 0 ? type.length : length + 1 + type.length;
    if (current.length > 0 && grown > MAX_FILTER_VALUE) {
      groups.push(current);
      current = [type];
      length = type.length;
    } else {
      current.push(type);
      length = grown;
    }
  }
  if (current.length > 0) groups.push(current);
  return groups.map((types) => [
    ...common,
    { Type: 'ANY_OF', Field: 'instanceType', Value: types.join(',') },
  ]);
}

export interface ParsedPriceList {
  /** Instance type → USD per hour. */
  prices: Record<string, number>;
  /** Items that could not be read (not JSON, no USD On-Demand hourly price). */
  skipped: number;
}

interface PriceDimension {
  unit?: string;
  pricePerUnit?: Record<string, string>;
}

interface PriceListItem {
  product?: { attributes?: Record<string, string> };
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, PriceDimension> }> };
}

/**
 * USD per hour per instance type from `PriceList` items. Items that do not match the Linux/shared
 * attributes are ignored (a defence against a looser filter upstream); when a type has several matching
 * products, the `BoxUsage` one wins — that is the plain On-Demand instance-hour.
 */
export function parsePriceList(items: readonly string[]): ParsedPriceList {
  const prices: Record<string, number> = {};
  const fromBoxUsage = new Set<string>();
  let skipped = 0;
  for (const text of items) {
    let item: PriceListItem;
    try {
      item = JSON.parse(text) as PriceListItem;
    } catch {
      skipped += 1;
      continue;
    }
    const attributes = item.product?.attributes ?? {};
    const type = attributes.instanceType;
    if (!type) {
      skipped += 1;
      continue;
    }
    const matches = Object.entries(LINUX_SHARED_ATTRIBUTES).every(
      ([field, value]) => attributes[field] === undefined || attributes[field] === value,
    );
    if (!matches) continue;
    const price = hourlyUsd(item);
    if (price === undefined) {
      skipped += 1;
      continue;
    }
    const boxUsage = (attributes.usagetype ?? '').includes('BoxUsage');
    if (prices[type] === undefined || (boxUsage && !fromBoxUsage.has(type))) {
      prices[type] = price;
      if (boxUsage) fromBoxUsage.add(type);
    }
  }
  return { prices, skipped };
}

function hourlyUsd(item: PriceListItem): number | undefined {
  for (const term of Object.values(item.terms?.OnDemand ?? {})) {
    for (const dimension of Object.values(term.priceDimensions ?? {})) {
      const usd = dimension.pricePerUnit?.USD;
      if (usd === undefined || (dimension.unit !== undefined && dimension.unit !== 'Hrs')) continue;
      const price = Number(usd);
      if (Number.isFinite(price) && price > 0) return price;
    }
  }
  return undefined;
}
