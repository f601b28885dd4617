/**
 * On-Demand prices from Pricing GetProducts: the filters (one ANY_OF per ≤1024 characters) and the
 * parser of the string-encoded PriceList items, on the real m5.large item and the real GetProducts reply.
 */
import { describe, expect, it } from 'vitest';

import { onDemandProductFilters, parsePriceList } from '../../../src/core/aws/on-demand-prices.js';
import { describeShared, readShared, readSharedJson } from '../../helpers/shared.js';

describe('onDemandProductFilters', () => {
  it('narrows AmazonEC2 to one Linux/shared product per type, every type in one ANY_OF', () => {
    const [filters, ...more] = onDemandProductFilters('eu-west-1', ['m5.large', 'g4dn.xlarge', 'm5.large']);
    expect(more).toEqual([]);
    expect(filters).toEqual([
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' },
      { Type: 'TERM_MATCH', Field: 'operatingSystem', Value: 'Linux' },
      { Type: 'TERM_MATCH', Field: 'tenancy', Value: 'Shared' },
      { Type: 'TERM_MATCH', Field: 'preInstalledSw', Value: 'NA' },
      { Type: 'TERM_MATCH', Field: 'capacitystatus', Value: 'Used' },
      { Type: 'TERM_MATCH', Field: 'licenseModel', Value: 'No License required' },
      { Type: 'ANY_OF', Field: 'instanceType', Value: 'm5.large,g4dn.xlarge' },
    ]);
  });

  it('splits only where a value would pass the API’s 1024 characters, losing no type', () => {
    const types = Array.from({ length: 200 }, (_, i) => `m${i}.24xlarge`);
    const sets = onDemandProductFilters('us-east-1', types);
    const values = sets.map((filters) => filters.at(-1)!.Value);
    expect(sets.length).toBe(Math.ceil(types.join(',').length / 1024));
    expect(values.every((value) => value.length <= 1024)).toBe(true);
    expect(values.join(',').split(',')).toEqual(types);
  });

  it('no types, no calls', () => {
    expect(onDemandProductFilters('us-east-1', [])).toEqual([]);
  });
});

describeShared('parsePriceList on real Price List items', () => {
  const item = () =>
    JSON.parse(
      readShared('reference/ec2-api/pricing/instance-selector.get-products.price-list-item.m5.large.json'),
    );

  it('reads the On-Demand hourly USD price, ignoring Reserved terms', () => {
    expect(parsePriceList([JSON.stringify(item())])).toEqual({ prices: { 'm5.large': 0.096 }, skipped: 0 });
  });

  it('skips what is not an instance price: a storage SKU (the real aws-cli reply), broken JSON', () => {
    const reply = readSharedJson<{ PriceList: string[] }>(
      'reference/ec2-api/pricing/aws-cli.get-products.response.json',
    );
    expect(parsePriceList([...reply.PriceList, '{not json'])).toEqual({ prices: {}, skipped: 2 });
  });

  it('ignores products outside Linux/shared tenancy even if a looser filter let them through', () => {
    const windows = item();
    windows.product.attributes.operatingSystem = 'Windows';
    windows.terms.OnDemand[Object.keys(windows.terms.OnDemand)[0]!].priceDimensions = {
      x: { unit: 'Hrs', pricePerUnit: { USD: '0.188' } },
    };
    expect(parsePriceList([JSON.stringify(windows), JSON.stringify(item())]).prices).toEqual({
      'm5.large': 0.096,
    });
  });

  it('prefers the BoxUsage product when a type has several, and never a zero price', () => {
    const other = item();
    other.product.attributes.usagetype = 'UnusedBox:m5.large';
    const term = other.terms.OnDemand[Object.keys(other.terms.OnDemand)[0]!];
    term.priceDimensions = { x: { unit: 'Hrs', pricePerUnit: { USD: '0.5' } } };
    const zero = item();
    zero.terms.OnDemand[Object.keys(zero.terms.OnDemand)[0]!].priceDimensions = {
      x: { unit: 'Hrs', pricePerUnit: { USD: '0.0000000000' } },
    };
    expect(parsePriceList([JSON.stringify(other), JSON.stringify(item())]).prices['m5.large']).toBe(0.096);
    expect(parsePriceList([JSON.stringify(zero)])).toEqual({ prices: {}, skipped: 1 });
  });
});
