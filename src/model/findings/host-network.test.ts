import { findingCases } from '../../../test/finding-cases.js';
import { hostNetwork } from './host-network.js';

findingCases(hostNetwork, {
  valid: ['services:\n  web:\n    image: nginx:1.27\n    network_mode: bridge\n'],
  invalid: [
    {
      files: 'services:\n  exporter:\n    image: prom/node-exporter:v1.8.2\n    network_mode: host\n    pid: host\n',
      messages: ["exporter uses the host's network namespace", "exporter uses the host's PID namespace"],
      at: ['4:19', '5:10'],
    },
  ],
});
