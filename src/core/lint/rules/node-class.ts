/**
 * Node classes (EC2NodeClass, AWSNodeTemplate, inline provider blocks): user data that fights the way the
 * AMI family joins nodes to the cluster (Karpenter node class docs, "AL2" and "AL2023").
 */
import type { Rule } from '../types.js';
import { classSettings, type ClassSettingsAt } from './migration.js';

const CALLS_BOOTSTRAP = /(^|[\s/;&|'"`(])bootstrap\.sh\b/m;

/** The AMI family a node class boots: amiFamily, else the alias's family, else the pre-v1 default AL2. */
function family(c: ClassSettingsAt): string | undefined {
  const written = c.settings.amiFamily?.value;
  if (written) return written;
  const alias = c.settings.amiAliases[0]?.value.split('@')[0]?.toLowerCase();
  if (alias === 'al2023') return 'AL2023';
  if (alias === 'al2') return 'AL2';
  if (alias) return alias;
  return c.apiVersion.endsWith('/v1') ? undefined : 'AL2';
}

const userDataBootstrap: Rule = {
  id: 'userdata-bootstrap',
  severity: 'warning',
  summary:
    'userData must not call /etc/eks/bootstrap.sh: AL2023 has no such script (it joins with nodeadm), and on AL2 Karpenter already calls it.',
  fix: 'AL2023: put node settings in a NodeConfig (node.eks.aws/v1alpha1) in userData, Karpenter merges it with its own; AL2: drop the call and use the kubelet settings, or use amiFamily Custom to bootstrap yourself.',
  check: (context) =>
    classSettings(context).flatMap((c) => {
      const userData = c.settings.userData;
      if (!userData || !CALLS_BOOTSTRAP.test(userData.value)) return [];
      const boots = family(c);
      const message =
        boots === 'AL2023'
          ? `${c.what} boots AL2023, which has no bootstrap.sh (nodes join through nodeadm): this userData call fails`
          : boots === 'AL2'
            ? `${c.what} boots AL2, where Karpenter's own user data already runs bootstrap.sh: calling it again bootstraps the node twice`
            : undefined;
      return message ? [{ file: c.ref.file, span: userData.span, message }] : [];
    }),
};

export const NODE_CLASS_RULES: Rule[] = [userDataBootstrap];
