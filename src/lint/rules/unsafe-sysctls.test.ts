import { deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './unsafe-sysctls.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(deployment({ pod: { securityContext: { sysctls: [{ name: 'kernel.domainname', value: 'shop' }] } } })),
  ],
  invalid: [
    {
      yaml: docs(
        deployment({ pod: { securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } } }),
      ),
      messages: ['the pod sets the unsafe sysctl "net.core.somaxconn"'],
    },
  ],
});
