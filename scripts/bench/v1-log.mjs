// The routine lines a busy Karpenter v1 controller writes between problems, one provisioning and
// disruption cycle of ten messages with their real fields and lengths: for the explain-logs benchmark and
// for the test that reads a large log in parallel ranges.
export const COMMIT = '6174c75';

const pick = (list, i) => list[i % list.length];
const TYPES = ['c6g.large', 'm5.xlarge', 'c5.2xlarge', 'm6i.large', 'r5.xlarge', 'g4dn.xlarge'];
const ZONES = ['us-west-2a', 'us-west-2b', 'us-west-2c'];
const CT = ['spot', 'spot', 'on-demand'];

const ROUTINE = [
  (t, i) =>
    `{"level":"INFO","time":"${t}","logger":"controller","message":"found provisionable pod(s)","commit":"${COMMIT}","controller":"provisioner","namespace":"","name":"","reconcileID":"${(i * 2654435761) % 4294967296}-a1b2","Pods":"default/inflate-66fb68585c-${(i % 9000) + 1000}","duration":"${(i % 90) + 10}.3ms"}`,
  (t, i) =>
    `{"level":"INFO","time":"${t}","logger":"controller","message":"computed new nodeclaim(s) to fit pod(s)","commit":"${COMMIT}","controller":"provisioner","namespace":"","name":"","reconcileID":"${i}-c3d4","nodeclaims":1,"pods":${(i % 7) + 1}}`,
  (t, i) =>
    `{"level":"INFO","time":"${t}","logger":"controller","message":"created nodeclaim","commit":"${COMMIT}","controller":"provisioner","namespace":"","name":"","reconcileID":"${i}-e5f6","NodePool":{"name":"default"},"NodeClaim":{"name":"default-${i % 100000}"},"requests":{"cpu":"680m","memory":"785Mi","pods":"6"},"instance-types":"c4.2xlarge, c4.4xlarge, c5.2xlarge, c5.4xlarge, c5a.2xlarge and 55 other(s)"}`,
  (t, i) =>
    `{"level":"INFO","time":"${t}","logger":"controller","message":"launched nodeclaim","commit":"${COMMIT}","controller":"nodeclaim.lifecycle","controllerGroup":"karpenter.sh","controllerKind":"NodeClaim","NodeClaim":{"name":"default-${i % 100000}"},"namespace":"","name":"default-${i % 100000}","reconcileID":"${i}-0a1b","provider-id":"aws:///${pick(ZONES, i)}/i-0${(i * 7919).toString(16).padStart(16, '0').slice(0, 16)}","instance-type":"${pick(TYPES, i)}","zone":"${pick(ZONES, i)}","capacity-type":"${pick(CT, i)}","allocatable":{"cpu":"1930m","ephemeral-storage":"17Gi","memory":"3055Mi","pods":"29"}}`,
  (t, i) =>
    `{"level":"INFO","time":"${t}","logger":"controller","message":"registered nodeclaim","commit":"${COMMIT}","controller":"nodeclaim.lifecycle","controllerGroup":"karpenter.sh","controllerKind":"NodeClaim","NodeClaim":{"name":"default-${i % 100000}"},"namespace":"","name":"default-${i % 100000}","reconcileID":"${i}-2c3d","provider-id":"aws:///${pick(ZONES, i)}/i-0abc","Node":{"name":"ip-10-0-${i % 250}-${(i * 7) % 250}.us-west-2.compute.internal"}}`,
  (t, i) =>
    `{"level":"INFO","time":"${t}","logger":"controller","message":"initialized nodeclaim","commit":"${COMMIT}","controller":"nodeclaim.lifecycle","controllerGroup":"karpenter.sh","controllerKind":"NodeClaim","NodeClaim":{"name":"default-${i % 100000}"},"namespace":"","name":"default-${i % 100000}","reconcileID":"${i}-4e5f","provider-id":"aws:///${pick(ZONES, i)}/i-0abc","Node":{"name":"ip-10-0-${i % 250}-${(i * 7) % 250}.us-west-2.compute.internal"},"allocatable":{"cpu":"1930m","memory":"3055Mi","pods":"29"}}`,
  (t, i) =>
    `{"level":"INFO","time":"${t}","logger":"controller","message":"disrupting node(s)","commit":"${COMMIT}","controller":"disruption","namespace":"","name":"","reconcileID":"${i}-6a7b","command-id":"${i}-9f","reason":"underutilized","decision":"delete","disrupted-node-count":1,"replacement-node-count":0,"pod-count":3,"disrupted-nodes":[{"Node":{"name":"ip-10-0-1-${i % 250}.us-west-2.compute.internal"},"NodeClaim":{"name":"default-${i % 100000}"},"capacity-type":"spot","instance-type":"${pick(TYPES, i)}"}],"replacement-nodes":[]}`,
  (t, i) =>
    `{"level":"INFO","time":"${t}","logger":"controller","message":"tainted node","commit":"${COMMIT}","controller":"node.termination","controllerGroup":"","controllerKind":"Node","Node":{"name":"ip-10-0-1-${i % 250}.us-west-2.compute.internal"},"namespace":"","name":"ip-10-0-1-${i % 250}.us-west-2.compute.internal","reconcileID":"${i}-8c9d","taint.Key":"karpenter.sh/disrupted","taint.Value":"","taint.Effect":"NoSchedule"}`,
  (t, i) =>
    `{"level":"INFO","time":"${t}","logger":"controller","message":"deleted node","commit":"${COMMIT}","controller":"node.termination","controllerGroup":"","controllerKind":"Node","Node":{"name":"ip-10-0-1-${i % 250}.us-west-2.compute.internal"},"namespace":"","name":"ip-10-0-1-${i % 250}.us-west-2.compute.internal","reconcileID":"${i}-0e1f"}`,
  (t, i) =>
    `{"level":"INFO","time":"${t}","logger":"controller","message":"deleted nodeclaim","commit":"${COMMIT}","controller":"nodeclaim.lifecycle","controllerGroup":"karpenter.sh","controllerKind":"NodeClaim","NodeClaim":{"name":"default-${i % 100000}"},"namespace":"","name":"default-${i % 100000}","reconcileID":"${i}-2a3b","Node":{"name":"ip-10-0-1-${i % 250}.us-west-2.compute.internal"},"provider-id":"aws:///us-west-2a/i-0abc"}`,
];

/** The `i`th routine line of the cycle, at `time` (ISO 8601). */
export const routineLine = (time, i) => ROUTINE[i % ROUTINE.length](time, i);
