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
  /** The amiSelectorTerm for Ubuntu node classes that select no AMI themselves (`--ubuntu-ami`). */
  ubuntuAmi?: Obj;
}

export type MessageLevel = 'warning' | 'info';

/**
 * What a conversion step reports: `warning` (could not convert exactly, or the meaning changed), `info`
 * (a default made explicit), `decide` (only the user can say: the object is not converted).
 */
export type Note = (level: MessageLevel | 'decide', message: string, field?: string) => void;

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

/** An object convert would not write, and why: what the user must decide, or the API server's reasons. */
export interface RefusedObject {
  file: string;
  /** The input document it comes from. */
  from: ResourceRef;
  /** What it would have been. */
  object: ResourceRef;
  reasons: string[];
}

export interface ConvertedFile {
  source: string;
  /** What each input document became (refused objects are not listed in `to`). */
  conversions: Array<{ from: ResourceRef; to: ResourceRef[] }>;
  /** The v1 objects, in order; each passes the v1 CRD schema and CEL rules. */
  documents: Obj[];
  refused: RefusedObject[];
}

export interface ConvertResult {
  files: ConvertedFile[];
  messages: ConvertMessage[];
}
