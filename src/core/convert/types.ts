/**
 * Inputs and results of `spotctl convert`: Karpenter v1alpha5 and v1beta1 manifests in, v1 out, and a
 * message for everything that changed meaning or could not be converted.
 */

export type Obj = Record<string, unknown>;

export interface SourceFile {
  /** As the user named it; used in messages and output headers. */
  path: string;
  text: string;
}

export interface ConvertOptions {
  /**
   * Do not add the requirements the v1alpha5 webhook defaulted (linux, amd64, on-demand, c/m/r
   * generation > 2). Without this flag they are written out, so the converted pool selects what the
   * Provisioner did.
   */
  ignoreDefaults?: boolean;
  /** IAM role for EC2NodeClasses converted from templates without an instance profile. */
  role?: string;
}

export type MessageLevel = 'warning' | 'info';

export interface ConvertMessage {
  /** warning: could not convert, or the meaning changed; info: a default made explicit. */
  level: MessageLevel;
  file: string;
  /** `Provisioner/default`. */
  resource: string;
  /** Dotted path in the input, when one field is concerned. */
  field?: string;
  message: string;
}

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  name: string;
}

export interface ConvertedFile {
  source: string;
  /** What each input document became. */
  conversions: Array<{ from: ResourceRef; to: ResourceRef[] }>;
  /** The v1 objects, in order. */
  documents: Obj[];
}

export interface ConvertResult {
  files: ConvertedFile[];
  messages: ConvertMessage[];
}
