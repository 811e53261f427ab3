import { findingCases } from '../../../test/finding-cases.js';
import { unsupported } from './unsupported.js';

findingCases(unsupported, {
  valid: ['services:\n  web:\n    image: nginx:1.27\n'],
  invalid: [
    {
      files: 'services:\n  web:\n    image: nginx:1.27\n    ulimits:\n      nofile: 65536\n    stop_signal: SIGQUIT\n',
      messages: [
        'web uses stop_signal, which Kubernetes has no direct answer for',
        'web uses ulimits, which Kubernetes has no direct answer for',
      ],
      at: ['6:18', '5:7'],
    },
  ],
});
