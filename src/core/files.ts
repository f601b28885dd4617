/**
 * Writing the user's files, as the core asks for it: the CLI implements it atomically, all-or-nothing for a
 * set, and never over an existing file without `force`.
 */
export interface OutputFile {
  path: string;
  content: string;
}

export interface FileWriter {
  /** Fails (FILE_EXISTS, naming them all) when any path exists and `force` is not set. */
  assertWritable(paths: string[], options: { force?: boolean }): Promise<void>;
  /** Every file or none of them. */
  writeFiles(files: OutputFile[], options: { force?: boolean }): Promise<void>;
}
