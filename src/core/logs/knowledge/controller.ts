/**
 * Webhook and controller: TLS, leader election, start-up.
 */
import { DOCS } from './shared.js';
import type { KnowledgeEntry } from './types.js';

export const CONTROLLER_ENTRIES: KnowledgeEntry[] = [
  {
    id: 'webhook_certificate_error',
    title: 'Webhook certificate problem',
    severity: 'error',
    category: 'webhook',
    match: [
      {
        text: /no certificates configured|x509: |remote error: tls|certificate signed by unknown authority|failed calling webhook/,
      },
    ],
    what: 'The API server and Karpenter’s webhook disagree on TLS: the serving certificate is missing or does not match the webhook configuration’s caBundle or service name.',
    why: 'Typical after upgrades (e.g. v0.3x → v1) when old validating/mutating webhook configurations still point at the Karpenter service; API calls on Karpenter objects then fail.',
    actions: [
      'List leftover webhook configurations: `kubectl get validatingwebhookconfigurations,mutatingwebhookconfigurations | grep -i karpenter` and delete those your version no longer installs.',
      'Restart the controller to regenerate its certificate: `kubectl rollout restart -n karpenter deploy/karpenter`',
    ],
    docs: DOCS.troubleshooting,
  },
  {
    id: 'webhook_tls_error',
    title: 'TLS handshake errors on the webhook port',
    severity: 'warning',
    category: 'webhook',
    match: [{ text: /TLS handshake error/ }],
    what: 'A client opened a connection to Karpenter’s webhook server and closed or broke it during the TLS handshake.',
    why: 'With `EOF` or `connection reset` from the API server or a health check this is usually noise. Together with certificate errors it means the API server cannot call the webhook.',
    actions: [
      'If there are only EOF/reset lines, nothing is broken: check what probes port 8443 with plain TCP (load-balancer health checks).',
      'If certificate errors appear too, fix those first (see above).',
    ],
    docs: DOCS.troubleshooting,
  },
  {
    id: 'controller_startup',
    title: 'Controller started',
    severity: 'info',
    category: 'controller',
    activity: true,
    match: [
      {
        text: /^(?:Starting (?:server|informers|manager|controller|workers|EventSource|metrics server)|starting server|Serving metrics server|attempting to acquire leader lease|successfully acquired lease|Started workers)/,
      },
    ],
    what: 'The Karpenter controller or webhook started.',
    why: 'Several startups in one log mean restarts: look for crashes or OOM kills around them.',
    actions: [],
    docs: DOCS.troubleshooting,
  },
];
