// Loaded with `node --import`: records every module URL the process resolves into the file named by
// SPOTCTL_IMPORT_LOG, so tests can prove what a command does NOT load (e.g. the AWS SDK for --help).
import { register } from 'node:module';

register(new URL('./record-imports-hooks.mjs', import.meta.url), {
  data: { log: process.env.SPOTCTL_IMPORT_LOG },
});
