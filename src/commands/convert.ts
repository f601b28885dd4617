import { Flags } from '@oclif/core';

import { nodeManifestFs } from '../adapters/fs/manifest-files.js';
import { runConvert, type ConvertOutput } from '../core/convert/run.js';
import { renderConvertMessages, renderConvertOutput } from '../core/convert/text.js';
import { BaseCommand } from '../runtime/base-command.js';
import { manifestPathsArg } from '../runtime/flags.js';
import { localFileWriter } from '../runtime/write-files.js';

export type { ConvertOutput } from '../core/convert/run.js';

export default class Convert extends BaseCommand {
  static override summary =
    'Convert Karpenter v1alpha5 and v1beta1 manifests to v1 NodePools and EC2NodeClasses.';
  static override description = `Reads Provisioners (karpenter.sh/v1alpha5) with their AWSNodeTemplates or inline provider blocks, and v1beta1 NodePools and EC2NodeClasses, and writes karpenter.sh/v1 NodePools and karpenter.k8s.aws/v1 EC2NodeClasses. Karpenter's own converter only ever did v1alpha5 → v1beta1 and was removed in v0.33; nothing else converts to v1.

Mapping: ttlSecondsAfterEmpty → consolidationPolicy WhenEmpty + consolidateAfter; consolidation.enabled → WhenEmptyOrUnderutilized; ttlSecondsUntilExpired → template.spec.expireAfter (absent → Never, as v1alpha5 never expired nodes); limits.resources → limits; providerRef → nodeClassRef with group and kind; an inline provider → its own EC2NodeClass; kubeletConfiguration (and v1beta1 template kubelet) → the EC2NodeClass; WhenUnderutilized → WhenEmptyOrUnderutilized; disruption.expireAfter → template.spec.expireAfter; the v1alpha5 webhook's default requirements (linux, amd64, on-demand, c/m/r generation > 2) are written out unless --ignore-defaults.

Behaviour is kept where v1 changed a default: the IMDS hop limit of 2 is written out (v1's default is 1), and Ubuntu node classes keep their AMI (selected explicitly, amiFamily AL2, /dev/sda1 as the root volume). What v1 cannot express (containerRuntime, requirements and labels v1 restricts, reserved tags) is dropped with a warning on stderr; fixes of invalid values (capacity type "On-demand", a "gpu" limit) are warned about too.

Every object written is checked against the v1 CRD schema and CEL rules. An object v1 would reject, or one only you can complete (a launchTemplate, an Ubuntu AMI nobody named, a missing security-group selector), is not written: convert lists why and exits 1. Malformed input (YAML errors, alias bombs, duplicate keys, a scalar where a list belongs) exits 3 with the file, line and field. Files and directories are read, including the List that kubectl get -o yaml prints; - reads stdin.`;
  static override examples = [
    '<%= config.bin %> convert provisioner.yaml > nodepool.v1.yaml',
    '<%= config.bin %> convert manifests/ --output-dir v1/',
    'kubectl get provisioners,awsnodetemplates -o yaml | <%= config.bin %> convert - --role KarpenterNodeRole-prod',
    '<%= config.bin %> convert old/*.yaml --json --strict',
  ];

  static override strict = false;
  static override args = {
    files: manifestPathsArg('Manifest files or directories (- for stdin).'),
  };

  static override flags = {
    'output-dir': Flags.string({
      char: 'd',
      description: 'Write one converted file per input file here instead of printing to stdout.',
    }),
    force: Flags.boolean({ char: 'f', description: 'Replace existing files in --output-dir.' }),
    role: Flags.string({
      description:
        'IAM role for converted node classes that name no instance profile (default: KarpenterNodeRole-<cluster>).',
    }),
    'ignore-defaults': Flags.boolean({
      description: 'Do not write out the requirements the v1alpha5 webhook defaulted.',
    }),
    strict: Flags.boolean({
      description: 'Exit 1 when anything could not be converted exactly (any warning).',
    }),
    'ubuntu-ami': Flags.string({
      description:
        'AMI for Ubuntu node classes that select none themselves (v1 no longer finds Ubuntu AMIs): an AMI id, or the SSM parameter that holds it.',
    }),
  };

  async run(): Promise<ConvertOutput> {
    const { argv, flags } = await this.parse(Convert);
    const { output, exitCode } = await runConvert(
      {
        paths: argv as string[],
        outputDir: flags['output-dir'],
        force: flags.force,
        role: flags.role,
        ignoreDefaults: flags['ignore-defaults'],
        strict: flags.strict,
        ubuntuAmi: flags['ubuntu-ami'],
        stamp: { version: this.config.version, date: this.io.now().toISOString().slice(0, 10) },
      },
      { manifests: nodeManifestFs(this.io.stdin), files: localFileWriter(), note: this.note },
    );
    if (!this.jsonEnabled()) {
      this.print({ stderr: renderConvertMessages(output, this.term.stderrStyle) });
      this.print({ stdout: renderConvertOutput(output) });
    }
    this.setExitCode(exitCode);
    return output;
  }
}
