/**
 * Which AMI a converted EC2NodeClass boots, without changing it: v1 selects AMIs only through
 * `amiSelectorTerms` (an alias for the EKS-optimized families), and no longer knows Ubuntu. For Ubuntu the
 * v1 docs' migration note is followed: the AMI is selected explicitly, amiFamily AL2 writes the same
 * UserData, and /dev/sda1 (Ubuntu's root device) stays the root volume.
 */
import { usageError } from '../errors.js';
import type { Note, Obj } from './types.js';

/** amiFamily → the v1 alias for its latest EKS-optimized AMI (what the family discovered before v1). */
const FAMILY_ALIAS: Record<string, string> = {
  AL2: 'al2@latest',
  AL2023: 'al2023@latest',
  Bottlerocket: 'bottlerocket@latest',
  Windows2019: 'windows2019@latest',
  Windows2022: 'windows2022@latest',
  Windows2025: 'windows2025@latest',
};

/** Ubuntu's root device, and the root volume the v1 docs' Ubuntu example maps there. */
const UBUNTU_ROOT = '/dev/sda1';
const UBUNTU_ROOT_VOLUME: Obj = {
  deviceName: UBUNTU_ROOT,
  rootVolume: true,
  ebs: { encrypted: true, volumeType: 'gp3', volumeSize: '20Gi' },
};

/**
 * The `--ubuntu-ami` value as an amiSelectorTerm: an AMI id, or an SSM parameter (a name starting with /,
 * or its ARN).
 * @throws SpotctlError BAD_UBUNTU_AMI (usage) for anything else.
 */
export function ubuntuAmiTerm(value: string): Obj {
  if (/^ami-[0-9a-z]+$/.test(value)) return { id: value };
  if (value.startsWith('/') || value.startsWith('arn:')) return { ssmParameter: value };
  throw usageError('BAD_UBUNTU_AMI', `--ubuntu-ami "${value}" is neither an AMI id nor an SSM parameter`, {
    suggestions: [
      'Pass an AMI id (--ubuntu-ami ami-0123456789abcdef0) or the SSM parameter that holds it (a name starting with /).',
    ],
  });
}

export interface AmiSource {
  family?: string;
  /** The AMI selection the source wrote, already as v1 terms. */
  terms?: Obj[];
  blockDeviceMappings?: Obj[];
}

export interface AmiChoice {
  amiFamily?: string;
  amiSelectorTerms: Obj[];
  blockDeviceMappings?: Obj[];
}

/** v1's AMI fields for a node class that booted `source` before v1; `decide` notes when that is not known. */
export function amiForV1(source: AmiSource, ubuntuAmi: Obj | undefined, note: Note): AmiChoice {
  const { family, terms, blockDeviceMappings } = source;
  const selected = terms !== undefined && terms.length > 0;
  if (family === 'Ubuntu') return ubuntu(terms, ubuntuAmi, blockDeviceMappings, note);
  if (selected) {
    // Without an alias v1 needs the family to know how to bootstrap the node.
    if (!family)
      note(
        'info',
        'amiFamily AL2 made explicit (the default before v1; v1 requires it without an alias)',
        'amiFamily',
      );
    return { amiFamily: family ?? 'AL2', amiSelectorTerms: terms, blockDeviceMappings };
  }
  if (family === undefined) {
    note(
      'info',
      'no amiFamily: AL2 was the default, so amiSelectorTerms uses alias al2@latest (consider al2023@latest; AL2 is end of life)',
      'amiFamily',
    );
    return { amiSelectorTerms: [{ alias: 'al2@latest' }], blockDeviceMappings };
  }
  const alias = FAMILY_ALIAS[family];
  if (alias) return { amiSelectorTerms: [{ alias }], blockDeviceMappings };
  note(
    'decide',
    family === 'Custom'
      ? 'amiFamily Custom selects no AMI by itself: add the AMI (amiSelector / amiSelectorTerms by id, name or SSM parameter) to the source'
      : `amiFamily ${family} is not a family Karpenter v1 knows: choose AL2023, AL2, Bottlerocket, a Windows family or Custom`,
    'amiFamily',
  );
  return { amiSelectorTerms: [], blockDeviceMappings };
}

function ubuntu(
  terms: Obj[] | undefined,
  flag: Obj | undefined,
  mappings: Obj[] | undefined,
  note: Note,
): AmiChoice {
  const selected = terms !== undefined && terms.length > 0 ? terms : flag ? [flag] : undefined;
  if (!selected) {
    note(
      'decide',
      'Karpenter v1 no longer finds Ubuntu AMIs: name the AMI (--ubuntu-ami ami-… or an SSM parameter, or amiSelector / amiSelectorTerms in the source)',
      'amiFamily',
    );
    return { amiSelectorTerms: [] };
  }
  note(
    'warning',
    'Ubuntu is not a v1 AMI family: amiFamily AL2 (the same UserData format, as the v1 docs advise) with the AMI selected explicitly; review userData when you change AMIs',
    'amiFamily',
  );
  return { amiFamily: 'AL2', amiSelectorTerms: selected, blockDeviceMappings: ubuntuRoot(mappings, note) };
}

/** Keep /dev/sda1 the root volume (AL2's default mappings would add /dev/xvda as an extra volume instead). */
function ubuntuRoot(mappings: Obj[] | undefined, note: Note): Obj[] {
  if (!mappings || mappings.length === 0) {
    note(
      'info',
      `Ubuntu's root volume written out (${UBUNTU_ROOT}, 20Gi gp3, encrypted), as AL2's defaults map another device`,
      'blockDeviceMappings',
    );
    return [UBUNTU_ROOT_VOLUME];
  }
  if (mappings.some((m) => m.rootVolume === true)) return mappings;
  return mappings.map((m) => {
    if (m.deviceName !== UBUNTU_ROOT) return m;
    note('info', `${UBUNTU_ROOT} marked rootVolume: true (Ubuntu's root device)`, 'blockDeviceMappings');
    return { ...m, rootVolume: true };
  });
}
