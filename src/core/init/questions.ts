/**
 * The wizard's questions in order, each with the flag that answers it in a script. The command uses this
 * table to fail fast without a terminal, naming exactly the flags still needed.
 */
import type { InitAnswers } from './types.js';

export interface Question {
  id: keyof InitAnswers | 'seeds' | 'suggestions' | 'limits' | 'confirm';
  /** Flags that answer it (`--types` or `--families` for the seeds). */
  flags: string[];
  /** Has no default: `--yes` cannot answer it. */
  required: boolean;
  summary: string;
}

export const QUESTIONS: readonly Question[] = [
  { id: 'region', flags: ['--region'], required: true, summary: 'the AWS Region' },
  {
    id: 'clusterName',
    flags: ['--cluster-name'],
    required: true,
    summary: 'the EKS cluster name',
  },
  { id: 'workload', flags: ['--workload'], required: false, summary: 'gpu or general' },
  {
    id: 'pod',
    flags: ['--pod-vcpus', '--pod-memory', '--pod-gpus'],
    required: false,
    summary: 'what each pod needs',
  },
  {
    id: 'seeds',
    flags: ['--types', '--families'],
    required: true,
    summary: 'the seed instance types',
  },
  {
    id: 'suggestions',
    flags: ['--suggested', '--no-suggested'],
    required: false,
    summary: 'accept the suggested additional types',
  },
  { id: 'capacity', flags: ['--capacity'], required: false, summary: 'capacity strategy' },
  { id: 'fallback', flags: ['--fallback'], required: false, summary: 'one pool or weighted pools' },
  {
    id: 'limits',
    flags: ['--cpu-limit', '--memory-limit', '--gpu-limit'],
    required: false,
    summary: 'pool limits',
  },
  { id: 'api', flags: ['--api'], required: false, summary: 'Karpenter API version' },
  { id: 'interruption', flags: ['--interruption'], required: false, summary: 'interruption handling' },
  { id: 'outputDir', flags: ['--output-dir'], required: false, summary: 'where to write the files' },
  { id: 'confirm', flags: ['--yes'], required: false, summary: 'confirm and write' },
];

/**
 * Questions that have neither an answer nor a default. `regionFromEnv` counts AWS_REGION and friends.
 */
export function unansweredRequired(answers: InitAnswers, regionFromEnv?: string): Question[] {
  return QUESTIONS.filter((question) => {
    if (!question.required) return false;
    switch (question.id) {
      case 'region':
        return !answers.region && !regionFromEnv;
      case 'clusterName':
        return !answers.clusterName;
      case 'seeds':
        return (answers.types ?? []).length === 0 && (answers.families ?? []).length === 0;
      default:
        return false;
    }
  });
}
