import { deployment, docs, lintCases, service } from '../../../test/lint-cases.js';
import rule from './dangling-service.js';

lintCases(rule, {
  valid: [
    docs(deployment(), service()),
    docs(service({}, { selector: undefined })),
    docs(service({}, { type: 'ExternalName', externalName: 'x.example.com', selector: { app: 'gone' } })),
  ],
  invalid: [
    {
      yaml: docs(deployment(), service({}, { selector: { app: 'api' } })),
      messages: ['Service web selects no pods (app=api)'],
    },
    {
      yaml: docs(deployment({ meta: { namespace: 'other' } }), service()),
      messages: ['Service web selects no pods (app=web)'],
    },
  ],
});
