import { basename, join } from 'node:path';

import { Flags } from '@oclif/core';

import { nodeManifestFs } from '../adapters/fs/manifest-files.js';
import { convertManifests, stringifyConverted } from '../core/convert/convert.js';
import type { ConvertMessage, ConvertedFile } from '../core/convert/types.js';
import { ExitCode, usageError } from '../core/errors.js';
import { collectManifestFiles } from '../core/manifests/sources.js';
import { BaseCommand } from '../runtime/base-command.js';
import { manifestPathsArg } from '../runtime/flags.js';
import { writeFilesAtomic } from '../runtime/write-files.js';

export interface ConvertOutput {
  files: Array<ConvertedFile & { output?: string; content: string }>;
  messages: ConvertMessage[];
  warnings: number;
  written: boolean;
}

export default class Convert extends BaseCommand {
  static override summary =
    'Convert Karpenter v1alpha5 and v1beta1 manifests to v1 NodePools and EC2NodeClasses.';
  static override description = `Reads Provisioners (karpenter.sh/v1alpha5) with their AWSNodeTemplates or inline provider blocks, and v1beta1 NodePools and EC2NodeClasses, and writes karpenter.sh/v1 NodePools and karpenter.k8s.aws/v1 EC2NodeClasses. Karpenter's own converter only ever did v1alpha5 → v1beta1 and was removed in v0.33; nothing else converts to v1.

Mapping: ttlSecondsAfterEmpty → consolidationPolicy WhenEmpty + consolidateAfter; consolidation.enabled → WhenEmptyOrUnderutilized; ttlSecondsUntilExpired → template.spec.expireAfter (absent → Never, as v1alpha5 never expired nodes); limits.resources → limits; providerRef → nodeClassRef with group and kind; an inline provider → its own EC2NodeClass; kubeletConfiguration (and v1beta1 template kubelet) → the EC2NodeClass; WhenUnderutilized → WhenEmptyOrUnderutilized; disruption.expireAfter → template.spec.expireAfter; the v1alpha5 webhook's default requirements (linux, amd64, on-demand, c/m/r generation > 2) are written out unless --ignore-defaults.

Whatever cannot convert (launchTemplate, containerRuntime, requirements on labels v1 restricts, reserved tags) is dropped with a warning on stderr; fixes of invalid values (capacity type "On-demand", a "gpu" limit) are warned about too. Files and directories are read; - reads stdin.`;
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
      char: 'o',
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
  };

  async run(): Promise<ConvertOutput> {
    const { argv, flags } = await this.parse(Convert);
    const paths = argv as string[];
    if (paths.length === 0) {
      throw usageError('NO_FILES', 'convert needs the manifests to convert', {
        suggestions: ['Pass files or directories (spotctl convert provisioner.yaml), or - to read stdin.'],
      });
    }
    const { files: inputs, notes } = await collectManifestFiles(paths, nodeManifestFs());
    for (const note of notes) this.note(`note: ${note}`);

    const result = convertManifests(inputs, { ignoreDefaults: flags['ignore-defaults'], role: flags.role });
    const stamp = { version: this.config.version, date: new Date().toISOString().slice(0, 10) };
    const outputDir = flags['output-dir'];
    const named = outputNames(result.files, outputDir);
    const files = result.files.map((file) => ({
      ...file,
      content: stringifyConverted(file, stamp),
      ...(named.has(file.source) ? { output: named.get(file.source) } : {}),
    }));

    if (!this.jsonEnabled()) {
      const style = this.term.stderrStyle;
      for (const m of result.messages) {
        const where = `${m.file}: ${m.resource}${m.field ? ` ${m.field}` : ''}`;
        this.note(
          m.level === 'warning'
            ? `${style.yellow('warning:')} ${where}: ${m.message}`
            : style.dim(`note: ${where}: ${m.message}`),
        );
      }
    }

    let written = false;
    if (outputDir) {
      const toWrite = files.filter((file) => file.output && file.documents.length > 0);
      await writeFilesAtomic(
        toWrite.map((file) => ({ path: file.output!, content: file.content })),
        { force: flags.force },
      );
      written = true;
      if (!this.jsonEnabled()) this.log(`Wrote ${toWrite.map((file) => file.output).join(', ')}`);
    } else if (!this.jsonEnabled()) {
      this.log(
        files
          .filter((file) => file.documents.length > 0)
          .map((file) => file.content.trimEnd())
          .join('\n---\n'),
      );
    }

    const warnings = result.messages.filter((m) => m.level === 'warning').length;
    if (flags.strict && warnings > 0) this.setExitCode(ExitCode.findings);
    return { files, messages: result.messages, warnings, written };
  }
}

/** One output file per input, named like it; two inputs with the same name cannot share a directory. */
function outputNames(files: ConvertedFile[], dir: string | undefined): Map<string, string> {
  const names = new Map<string, string>();
  if (!dir) return names;
  const seen = new Map<string, string>();
  for (const file of files) {
    const name = file.source === '-' ? 'stdin.yaml' : basename(file.source);
    const other = seen.get(name);
    if (other) {
      throw usageError('OUTPUT_NAME_CLASH', `${other} and ${file.source} would both be written as ${name}`, {
        suggestions: ['Convert them in separate runs, or print to stdout without --output-dir.'],
      });
    }
    seen.set(name, file.source);
    names.set(file.source, join(dir, name));
  }
  return names;
}
