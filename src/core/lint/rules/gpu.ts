/**
 * GPU NodePools: expensive nodes should be tainted so only GPU workloads land on them, and a GPU taint on
 * a pool without GPUs is a copy-paste mistake that makes the pool unusable for ordinary pods.
 */
import type { InstanceTypeSpec } from '../../catalog/types.js';
import type { Rule } from '../types.js';

const hasAccelerator = (t: InstanceTypeSpec): boolean =>
  (t.gpu?.count ?? 0) > 0 || (t.neuronDevices ?? 0) > 0;
const ACCELERATOR_TAINT = /gpu|neuron|accelerator|gaudi/i;

const gpuWithoutTaint: Rule = {
  id: 'gpu-without-taint',
  severity: 'warning',
  summary: 'NodePools of GPU/accelerator instance types should carry a NoSchedule taint.',
  fix: 'Add a taint such as `{key: nvidia.com/gpu, effect: NoSchedule}` and a matching toleration on GPU pods.',
  needsCatalog: true,
  check: ({ pools }) =>
    pools
      .filter(({ resolved }) => resolved && resolved.types.length > 0 && resolved.types.every(hasAccelerator))
      .filter(({ pool }) => !pool.taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'))
      .map(({ pool }) => ({
        file: pool.ref.file,
        span: pool.ref.span,
        message: `${pool.name} launches only GPU/accelerator instances but has no NoSchedule taint; any pod can land on them`,
      })),
};

const gpuTaintWithoutGpu: Rule = {
  id: 'gpu-taint-without-gpu',
  severity: 'warning',
  summary: 'A GPU taint on a NodePool that allows no GPU instance types.',
  fix: 'Remove the taint, or allow GPU instance types (e.g. instance-gpu-count Gt 0).',
  needsCatalog: true,
  check: ({ pools }) =>
    pools.flatMap(({ pool, resolved }) => {
      if (!resolved || resolved.types.length === 0 || resolved.types.some(hasAccelerator)) return [];
      return pool.taints
        .filter((t) => ACCELERATOR_TAINT.test(t.key))
        .map((t) => ({
          file: pool.ref.file,
          span: t.span,
          message: `taint ${t.key} suggests GPU nodes, but ${pool.name} allows no GPU or accelerator instance type`,
        }));
    }),
};

export const GPU_RULES: Rule[] = [gpuWithoutTaint, gpuTaintWithoutGpu];
