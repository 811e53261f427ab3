import { findingCases } from '../../../test/finding-cases.js';
import { dangerousCapability } from './dangerous-capability.js';

findingCases(dangerousCapability, {
  valid: ['services:\n  web:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE, CHOWN]\n'],
  invalid: [
    {
      files: 'services:\n  vpn:\n    image: example/vpn:1.0\n    cap_add: [NET_ADMIN, CAP_SYS_MODULE, CHOWN]\n',
      messages: ['vpn adds NET_ADMIN, CAP_SYS_MODULE'],
      at: ['4:14'],
    },
  ],
});
