import { docs, lintCases, service } from '../../../test/lint-cases.js';
import rule from './dangling-servicemonitor.js';

lintCases(rule, {
  valid: [
    docs(service({ labels: { app: 'web' } }), {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'm', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'web' } }, endpoints: [{ port: 'http' }] },
    }),
  ],
  invalid: [
    {
      yaml: docs(service({ labels: { app: 'web' } }), {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: 'm', namespace: 'shop' },
        spec: { selector: { matchLabels: { app: 'api' } }, endpoints: [{ port: 'http' }] },
      }),
      messages: ['ServiceMonitor m selects no Service'],
    },
  ],
});
