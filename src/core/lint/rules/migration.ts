/**
 * API generations that are gone, and what in them blocks the move to karpenter.sh/v1: deprecated
 * documents, the inline provider, a Provisioner without any provider, launch templates, the Ubuntu AMI
 * family, and labels and tags the v1 CRDs refuse (asked of the v1 CRDs themselves).
 */
import { WELL_KNOWN_LABEL_KEYS } from '../../manifests/labels.js';
import type { NodeClassSettings, DocumentRef, Span } from '../../manifests/types.js';
import { v1LabelRejection, v1RequirementRejection, v1TagRejection } from '../../manifests/v1-restrictions.js';
import type { Hit, LintContext, Rule } from '../types.js';

/** What each deprecated kind becomes in v1. */
const V1_KIND: Record<string, string> = {
  Provisioner: 'karpenter.sh/v1 NodePool (and an EC2NodeClass)',
  AWSNodeTemplate: 'karpenter.k8s.aws/v1 EC2NodeClass',
  NodePool: 'karpenter.sh/v1 NodePool',
  EC2NodeClass: 'karpenter.k8s.aws/v1 EC2NodeClass',
};

const apiVersionDeprecated: Rule = {
  id: 'api-version-deprecated',
  severity: 'warning',
  summary:
    'karpenter.sh/v1alpha5, karpenter.sh/v1beta1, karpenter.k8s.aws/v1alpha1 and karpenter.k8s.aws/v1beta1 are no longer served by current Karpenter releases.',
  fix: 'Convert to karpenter.sh/v1 NodePool + EC2NodeClass with `spotctl convert`.',
  check: ({ set }) =>
    set.documents
      .filter((d) => !d.apiVersion.endsWith('/v1') && V1_KIND[d.kind])
      .map((d) => ({
        file: d.ref.file,
        span: d.ref.apiVersionSpan ?? d.ref.span,
        message: `${d.kind} ${d.name} uses ${d.apiVersion}, which Karpenter v1 no longer serves`,
        fix: `Run \`spotctl convert ${d.ref.file}\` to write it as a ${V1_KIND[d.kind]}.`,
      })),
};

const providerInlineDeprecated: Rule = {
  id: 'provider-inline-deprecated',
  severity: 'warning',
  summary:
    'The inline spec.provider block is deprecated; use providerRef to an AWSNodeTemplate (or an EC2NodeClass in v1).',
  fix: 'Move the provider settings into an AWSNodeTemplate and reference it with providerRef, or run `spotctl convert`.',
  check: ({ pools }) =>
    pools
      .filter(({ pool }) => pool.inlineProvider)
      .map(({ pool }) => ({
        file: pool.ref.file,
        span: pool.inlineProvider!,
        message: `Provisioner ${pool.name} uses the deprecated inline provider block`,
      })),
};

const providerMissing: Rule = {
  id: 'provider-missing',
  severity: 'error',
  summary:
    'A v1alpha5 Provisioner needs provider or providerRef: without one Karpenter has no node template.',
  fix: 'Add providerRef: {name: <AWSNodeTemplate>} (or an inline provider block).',
  check: ({ pools }) =>
    pools
      .filter(({ pool }) => pool.generation === 'v1alpha5' && !pool.inlineProvider && !pool.providerRefSpan)
      .map(({ pool }) => ({
        file: pool.ref.file,
        span: pool.ref.span,
        message: `Provisioner ${pool.name} has neither provider nor providerRef: it has no subnets, security groups or AMI, and spotctl convert cannot tell which EC2NodeClass it needs`,
      })),
};

/** Node class settings with where they are written: node class documents and inline provider blocks. */
export interface ClassSettingsAt {
  ref: DocumentRef;
  apiVersion: string;
  /** `AWSNodeTemplate default`, `EC2NodeClass gpu`, `the inline provider of Provisioner gpu`. */
  what: string;
  settings: NodeClassSettings;
}

export const classSettings = ({ set, pools }: LintContext): ClassSettingsAt[] => [
  ...set.nodeClasses.map((c) => ({
    ref: c.ref,
    apiVersion: c.apiVersion,
    what: `${c.kind} ${c.name}`,
    settings: c.settings,
  })),
  ...pools.flatMap(({ pool }) =>
    pool.providerSettings
      ? [
          {
            ref: pool.ref,
            apiVersion: 'karpenter.k8s.aws/v1alpha1',
            what: `the inline provider of Provisioner ${pool.name}`,
            settings: pool.providerSettings,
          },
        ]
      : [],
  ),
];

const legacy = (c: ClassSettingsAt) => !c.apiVersion.endsWith('/v1');

const launchTemplate: Rule = {
  id: 'launch-template',
  severity: 'warning',
  summary:
    'launchTemplate (a launch template Karpenter does not manage) is gone since v1beta1: it blocks the move to v1.',
  fix: 'Express it with the node class fields (amiSelectorTerms, userData, blockDeviceMappings, metadataOptions, securityGroupSelectorTerms, tags) and delete launchTemplate.',
  check: (context) =>
    classSettings(context)
      .filter((c) => c.settings.launchTemplate)
      .map((c) => ({
        file: c.ref.file,
        span: c.settings.launchTemplate!,
        message: `${c.what} names a launch template; Karpenter v1beta1 and v1 build their own launch templates, so this cannot be converted`,
      })),
};

const amiFamilyUbuntu: Rule = {
  id: 'ami-family-ubuntu',
  severity: 'warning',
  summary:
    'amiFamily Ubuntu was dropped in Karpenter v1: it no longer finds Ubuntu AMIs nor writes their UserData.',
  fix: 'Select the Ubuntu AMI in amiSelectorTerms (ssmParameter, name or id), use amiFamily AL2 (the same UserData format) or Custom, and map /dev/sda1 with rootVolume: true; spotctl convert does this once the AMI is selected.',
  check: (context) =>
    classSettings(context)
      .filter((c) => legacy(c) && c.settings.amiFamily?.value === 'Ubuntu')
      .map((c) => ({
        file: c.ref.file,
        span: c.settings.amiFamily!.span,
        message: `${c.what} uses amiFamily Ubuntu, which Karpenter v1 does not support${c.settings.amiSelected ? '' : ', and nothing selects its AMI explicitly: v1 would find none'}`,
      })),
};

const restrictedLabel: Rule = {
  id: 'restricted-label',
  severity: 'warning',
  summary:
    'v1alpha5 Provisioners may use labels that karpenter.sh/v1 refuses (the v1 CRD rules); they block the move to v1.',
  fix: 'Drop the label (Karpenter sets it itself), or use a key in your own domain; spotctl convert drops it with a warning.',
  check: ({ pools }) =>
    pools
      .filter(({ pool }) => pool.generation === 'v1alpha5')
      .flatMap(({ pool }) => {
        const hit = (key: string, span: Span, why: string | undefined, what: string): Hit[] =>
          why
            ? [
                {
                  file: pool.ref.file,
                  span,
                  message: `${what} ${key}: karpenter.sh/v1 refuses it (${why})`,
                },
              ]
            : [];
        return pool.requirements
          .filter((r) => WELL_KNOWN_LABEL_KEYS.has(r.key))
          .flatMap((r) => hit(r.key, r.keySpan, v1RequirementRejection(r.key), 'requirement on'))
          .concat(
            Object.keys(pool.labels).flatMap((key) =>
              hit(key, pool.labelSpans[key] ?? pool.ref.span, v1LabelRejection(key), 'label'),
            ),
          );
      }),
};

const restrictedTag: Rule = {
  id: 'restricted-tag',
  severity: 'warning',
  summary:
    'AWSNodeTemplate tags that karpenter.k8s.aws/v1 refuses (Karpenter sets them itself); they block the move to v1.',
  fix: 'Drop the tag; spotctl convert drops it with a warning.',
  check: (context) =>
    classSettings(context)
      .filter((c) => c.apiVersion === 'karpenter.k8s.aws/v1alpha1')
      .flatMap((c) =>
        c.settings.tags.flatMap(({ key, keySpan }) => {
          const why = v1TagRejection(key);
          return why
            ? [
                {
                  file: c.ref.file,
                  span: keySpan,
                  message: `tag ${key}: karpenter.k8s.aws/v1 refuses it (${why})`,
                },
              ]
            : [];
        }),
      ),
};

export const MIGRATION_RULES: Rule[] = [
  apiVersionDeprecated,
  providerInlineDeprecated,
  providerMissing,
  launchTemplate,
  amiFamilyUbuntu,
  restrictedLabel,
  restrictedTag,
];
