import type { SpotAdvisorLookup } from './live.js';
import type { Catalog } from './types.js';

/**
 * Interruption buckets and Advisor savings taken from an offline catalog (the bundled snapshot): AWS
 * publishes the Spot Instance Advisor only as a web feed, with no API behind the credentials spotctl uses.
 */
export function spotAdvisorFrom(load: () => Promise<Catalog>): SpotAdvisorLookup {
  return async (region, instanceTypes) => {
    const catalog = await load();
    const source = catalog.info.description;
    let entries = {};
    try {
      const epoch = new Date(0);
      entries = (await catalog.regionView(region, [...instanceTypes], { start: epoch, end: epoch }))
        .spotAdvisor;
    } catch {
      // A Region the offline data does not cover: no Advisor figures, said below.
    }
    const note =
      Object.keys(entries).length > 0
        ? `Interruption frequency: Spot Instance Advisor figures from the ${source} (AWS has no API for them).`
        : `No Spot Instance Advisor figures for ${region} in the ${source}: interruption frequency unknown.`;
    return { entries, note };
  };
}
