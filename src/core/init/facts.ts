import type { InstanceTypeSpec } from '../catalog/types.js';
import type { TypeFacts } from './types.js';

/** The facts about an instance type that the init config depends on. */
export const typeFacts = (spec: InstanceTypeSpec): TypeFacts => ({
  instanceType: spec.instanceType,
  vcpus: spec.vcpus,
  memoryMiB: spec.memoryMiB,
  architectures: spec.architectures,
  ...(spec.gpu ? { gpu: { count: spec.gpu.count, manufacturer: spec.gpu.manufacturer } } : {}),
});
