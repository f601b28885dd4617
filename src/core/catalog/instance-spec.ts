/**
 * DescribeInstanceTypes records → the catalog's InstanceTypeSpec: the same fields the bundled snapshot's
 * generator reads from the same API output, so live and offline specs agree.
 */
import type { InstanceTypeRecord } from '../aws/ports.js';
import { type Architecture, type InstanceTypeSpec, splitInstanceType } from './types.js';

const ARCHITECTURES: ReadonlySet<string> = new Set(['x86_64', 'arm64', 'i386', 'x86_64_mac', 'arm64_mac']);

/** The spec of one record, or undefined when the record has no instance type name. */
export function specFromRecord(record: InstanceTypeRecord): InstanceTypeSpec | undefined {
  const instanceType = record.InstanceType;
  if (!instanceType) return undefined;
  const { family, size } = splitInstanceType(instanceType);
  const gpus = record.GpuInfo?.Gpus ?? [];
  const gpuCount = gpus.reduce((sum, gpu) => sum + (gpu.Count ?? 0), 0);
  const firstGpu = gpus[0];
  const neuronDevices = (record.NeuronInfo?.NeuronDevices ?? []).reduce(
    (sum, device) => sum + (device.Count ?? 0),
    0,
  );
  return {
    instanceType,
    family,
    size,
    vcpus: record.VCpuInfo?.DefaultVCpus ?? 0,
    memoryMiB: record.MemoryInfo?.SizeInMiB ?? 0,
    architectures: (record.ProcessorInfo?.SupportedArchitectures ?? []).filter((arch): arch is Architecture =>
      ARCHITECTURES.has(arch),
    ),
    ...(gpuCount > 0 && firstGpu
      ? {
          gpu: {
            count: gpuCount,
            manufacturer: firstGpu.Manufacturer ?? '',
            name: firstGpu.Name ?? '',
            memoryMiBPerGpu: firstGpu.MemoryInfo?.SizeInMiB ?? 0,
          },
        }
      : {}),
    ...(neuronDevices > 0 ? { neuronDevices } : {}),
    supportsSpot: (record.SupportedUsageClasses ?? []).includes('spot'),
    currentGeneration: record.CurrentGeneration ?? false,
    bareMetal: record.BareMetal ?? false,
    burstable: record.BurstablePerformanceSupported ?? false,
  };
}
