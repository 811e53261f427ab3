import { findingCases } from '../../../test/finding-cases.js';
import { privileged } from './privileged.js';

findingCases(privileged, {
  valid: ['services:\n  web:\n    image: nginx:1.27\n    privileged: false\n'],
  invalid: [
    {
      files: 'services:\n  vpn:\n    image: example/vpn:1.0\n    privileged: true\n',
      messages: ['vpn runs privileged'],
      at: ['4:17'],
    },
  ],
});
