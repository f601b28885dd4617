import { pathToFileURL } from 'node:url';

import { BaseCommand } from '../runtime/base-command.js';
import { loadHelp, versionLine } from '../runtime/fast-help.js';

export interface VersionOutput {
  version: string;
  node: string;
  platform: string;
  /** When the bundled offline data was made. */
  bundledData: { generatedAt: string | null };
}

export default class Version extends BaseCommand {
  static override summary = 'Print spotctl’s version, Node’s, and the date of the bundled offline data.';
  static override examples = ['<%= config.bin %> version', '<%= config.bin %> version --json'];

  async run(): Promise<VersionOutput> {
    await this.parse(Version);
    const dataDate = loadHelp(pathToFileURL(`${this.config.root}/`))?.dataDate ?? null;
    this.print({ stdout: versionLine(this.config.bin, this.config.version, dataDate ?? undefined) });
    return {
      version: this.config.version,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      bundledData: { generatedAt: dataDate },
    };
  }
}
