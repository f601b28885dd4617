/**
 * The wizard in-process, driven through its real @inquirer prompts by a fake terminal: what it asks, in
 * which order, what it skips when flags answered, and what its validation tells the user.
 */
import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';

import { describe, expect, it } from 'vitest';

import type { InitAnswers } from '../../src/core/init/types.js';
import type { WizardServices } from '../../src/core/init/questions.js';
import { askInitAnswers, askOutputDir, confirmWrite } from '../../src/prompts/init-wizard.js';

/** A terminal whose keyboard is a stream: bytes are decoded into keypresses by readline, as on a TTY. */
function fakeTerminal() {
  const input = new PassThrough();
  let screen = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      screen += chunk.toString();
      done();
    },
  });
  // Each prompt pipes into the output and ends the pipe when done; a terminal stays open (as stderr does).
  output.end = () => output;
  let mark = 0;
  const text = () => stripVTControlCharacters(screen);
  return {
    context: { input, output, clearPromptOnDone: false },
    text,
    /** Wait for the next prompt matching `pattern`, then press the keys. */
    async answer(pattern: RegExp, keys: string) {
      const started = Date.now();
      for (;;) {
        const match = pattern.exec(text().slice(mark));
        if (match) {
          mark += match.index + match[0].length;
          break;
        }
        if (Date.now() - started > 3000) throw new Error(`no ${pattern}; screen:\n${text().slice(-1500)}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      input.write(keys);
    },
  };
}

const ENTER = '\r';
const BACKSPACE = '\u007f';
const DOWN = '\u001b[B';

function services(calls: string[] = [], hints: WizardServices['hints'] = {}): WizardServices {
  return {
    hints,
    show: (text) => calls.push(`show:${text}`),
    checkRegion: async (region) =>
      region === 'eu-north-1' ? 'bundled data has no data for eu-north-1' : undefined,
    checkSeeds: async (answers, { types, families }) => {
      calls.push(`check:${answers.region}:${types.join(',')}:${families.join(',')}`);
      return types.includes('g4dn.xlarg')
        ? 'unknown instance type g4dn.xlarg — did you mean g4dn.xlarge?'
        : undefined;
    },
    analyse: async (answers) => {
      const pod = { gpus: answers.podGpus, vcpus: answers.podVcpus, memoryGiB: answers.podMemoryGiB };
      calls.push(
        `analyse:${answers.region}:${(answers.types ?? []).join(',')}:${JSON.stringify(pod)}:${answers.capacity ?? 'spot-and-on-demand'}`,
      );
      return {
        table: 'PRICE TABLE',
        suggestions: [
          {
            instanceType: 'g4dn.4xlarge',
            label: 'g4dn.4xlarge  $0.3853/GPU-h',
            reasons: ['cheaper per GPU'],
          },
          {
            instanceType: 'g6.xlarge',
            label: 'g6.xlarge  $0.4104/GPU-h',
            reasons: ['another capacity pool'],
          },
        ],
      };
    },
  };
}

describe('the init wizard', () => {
  it('asks in order, validates seeds against the catalog, and returns only answers', async () => {
    const term = fakeTerminal();
    const calls: string[] = [];
    const pending = askInitAnswers({}, services(calls), term.context);
    // A typo matches no Region: the list offers the nearest codes instead, and Enter takes the first.
    await term.answer(/AWS Region of the cluster/, 'eu-nort-1');
    // A choice that fails its check is first written into the search line; Enter again says why.
    await term.answer(/❯ eu-north-1/, ENTER);
    await term.answer(/cluster eu-north-1\n❯ eu-north-1\n\n/, ENTER);
    await term.answer(/bundled data has no data for eu-north-1/, `${BACKSPACE.repeat(12)}ap-southeast-1`);
    await term.answer(/❯ ap-southeast-1/, ENTER);
    await term.answer(/EKS cluster name \(its subnets/, `\u0015karpenter-cluster${ENTER}`);
    await term.answer(/Workload/, `\u001b[A${ENTER}`);
    await term.answer(/GPUs per pod/, ENTER);
    await term.answer(/vCPUs per pod/, `2${ENTER}`);
    await term.answer(/Memory per pod/, ENTER);
    await term.answer(
      /Instance types or families, comma-separated \(Enter: g4dn, g5, g6, NVIDIA\)/,
      `g4dn.xlarg${ENTER}`,
    );
    await term.answer(/did you mean g4dn\.xlarge\?/, `\u0015g4dn.xlarge,g4dn.2xlarge${ENTER}`);
    // Both suggestions pre-selected: unselect the second.
    await term.answer(/Add these types too\?/, `${DOWN} ${ENTER}`);
    await term.answer(/Capacity strategy/, ENTER);
    await term.answer(/How should On-Demand back up Spot\?/, ENTER);
    await term.answer(/total vCPUs/, ENTER);
    await term.answer(/total memory/, `none${ENTER}`);
    await term.answer(/total GPUs/, `1.5${ENTER}`);
    await term.answer(/a whole number of GPUs, or none/, `\u0015100${ENTER}`);
    await term.answer(/Karpenter API version/, `${DOWN}${ENTER}`);
    await term.answer(/Node settings for the Provisioner/, `${DOWN}${ENTER}`);
    await term.answer(/Interruption handling/, ENTER); // v1alpha5 default: nth-imds
    await term.answer(/On a rebalance recommendation, NTH should/, ENTER); // cordon: no loop with 0.19+
    await term.answer(/Expose NTH metrics/, `y${ENTER}`);
    await term.answer(/Output directory/, `out${ENTER}`);
    const answers = await pending;

    expect(answers).toEqual({
      region: 'ap-southeast-1',
      clusterName: 'karpenter-cluster',
      workload: 'gpu',
      podGpus: 1,
      podVcpus: 2,
      types: ['g4dn.xlarge', 'g4dn.2xlarge'],
      addedTypes: ['g4dn.4xlarge'],
      capacity: 'spot-and-on-demand',
      fallback: 'single-pool',
      cpuLimit: '1000',
      memoryLimit: 'none',
      gpuLimit: '100',
      api: 'v1alpha5',
      provider: 'inline',
      interruption: 'nth-imds',
      nthRebalance: 'cordon',
      nthPrometheus: true,
      outputDir: 'out',
    } satisfies InitAnswers);
    expect(calls).toContain('check:ap-southeast-1:g4dn.xlarg:');
    expect(calls).toContain(
      'analyse:ap-southeast-1:g4dn.xlarge,g4dn.2xlarge:{"gpus":1,"vcpus":2}:spot-and-on-demand',
    );
    expect(calls).toContain('show:PRICE TABLE');
    // The interruption choices carry the warning before anything is chosen.
    expect(term.text()).toMatch(/With newer Karpenter, NTH draining on\s+rebalance\s+loops/);
  });

  it('Enter alone answers every question: the profile’s Region, a cluster name, the default pool', async () => {
    // Given a profile Region and a kubectl context / When every question gets Enter / Then defaults
    const term = fakeTerminal();
    const pending = askInitAnswers(
      {},
      services([], { region: 'eu-west-1', cluster: { name: 'prod', from: 'your kubectl context' } }),
      term.context,
    );
    await term.answer(/AWS Region of the cluster \(your profile says eu-west-1\)/, ENTER);
    await term.answer(/EKS cluster name \(your kubectl context says prod\)/, ENTER);
    await term.answer(/Workload/, ENTER);
    await term.answer(/vCPUs per pod/, ENTER);
    await term.answer(/Memory per pod/, ENTER);
    await term.answer(/Enter: any c, m or r type/, ENTER);
    await term.answer(/Add these types too\?/, ENTER);
    await term.answer(/Capacity strategy/, ENTER);
    await term.answer(/How should On-Demand back up Spot\?/, ENTER);
    await term.answer(/total vCPUs/, ENTER);
    await term.answer(/total memory/, ENTER);
    await term.answer(/Karpenter API version/, ENTER);
    await term.answer(/Interruption handling/, ENTER);
    await term.answer(/Interruption queue NAME/, ENTER);
    await term.answer(/Output directory/, ENTER);
    expect(await pending).toEqual({
      region: 'eu-west-1',
      clusterName: 'prod',
      workload: 'general',
      addedTypes: ['g4dn.4xlarge', 'g6.xlarge'],
      capacity: 'spot-and-on-demand',
      fallback: 'single-pool',
      cpuLimit: '1000',
      memoryLimit: '1000Gi',
      api: 'v1',
      interruption: 'native',
      interruptionQueue: 'prod',
      outputDir: 'spotctl-output',
    } satisfies InitAnswers);
  });

  it('asks nothing that flags answered (only the table is shown)', async () => {
    const term = fakeTerminal();
    const calls: string[] = [];
    const given: InitAnswers = {
      region: 'us-east-1',
      clusterName: 'demo',
      workload: 'general',
      podVcpus: 1,
      types: ['m5.xlarge'],
      addedTypes: [],
      capacity: 'spot',
      cpuLimit: '10',
      memoryLimit: '40Gi',
      api: 'v1',
      interruption: 'native',
      interruptionQueue: 'demo',
      outputDir: 'out',
    };
    expect(await askInitAnswers(given, services(calls), term.context)).toEqual(given);
    expect(term.text()).toBe('');
    expect(calls).toEqual(['analyse:us-east-1:m5.xlarge:{"vcpus":1}:spot', 'show:PRICE TABLE']);
  });

  it('rejects a queue ARN and names the queue to use; asks NTH queue mode for its URL', async () => {
    const given: InitAnswers = {
      region: 'us-east-1',
      clusterName: 'demo',
      workload: 'general',
      podVcpus: 1,
      types: ['m5.xlarge'],
      addedTypes: [],
      capacity: 'spot',
      cpuLimit: '10',
      memoryLimit: '40Gi',
      api: 'v1',
      outputDir: 'out',
    };
    const native = fakeTerminal();
    const first = askInitAnswers(given, services(), native.context);
    await native.answer(/Interruption handling/, ENTER);
    await native.answer(
      /Interruption queue NAME \(not its ARN\) \(demo\)/,
      `arn:aws:sqs:us-east-1:123456789012:prod-q${ENTER}`,
    );
    await native.answer(/not its ARN: use prod-q/, `\u0015prod-q${ENTER}`);
    expect((await first).interruptionQueue).toBe('prod-q');

    const queue = fakeTerminal();
    const second = askInitAnswers(given, services(), queue.context);
    await queue.answer(/Interruption handling/, `${DOWN}${DOWN}${ENTER}`);
    await queue.answer(
      /URL of NTH’s own SQS queue/,
      `https://sqs.us-east-1.amazonaws.com/123456789012/nth${ENTER}`,
    );
    await queue.answer(/Expose NTH metrics/, ENTER);
    expect(await second).toMatchObject({
      interruption: 'nth-queue',
      nthQueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/nth',
      nthPrometheus: false,
    });
  });

  it('shows the summary, then asks before writing', async () => {
    const term = fakeTerminal();
    const shown: string[] = [];
    const pending = confirmWrite('SUMMARY', { show: (text) => shown.push(text) }, term.context);
    await term.answer(/Write these files\? \(Y\/n\)/, `n${ENTER}`);
    expect(await pending).toBe(false);
    expect(shown).toEqual(['SUMMARY']);
  });

  it('keeping existing files: offers another directory, and will not take a blank one', async () => {
    const term = fakeTerminal();
    const pending = askOutputDir('spotctl-output-2', term.context);
    await term.answer(/Write them to another directory instead \(spotctl-output-2\)/, `\u0015 ${ENTER}`);
    await term.answer(/a directory/, `\u0015${ENTER}`);
    expect(await pending).toBe('spotctl-output-2');
  });
});
