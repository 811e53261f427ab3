import { deployment, docs, lintCases, service } from '../../../test/lint-cases.js';
import rule from './statefulset-headless-service.js';

lintCases(rule, {
  valid: [
    docs(
      { ...deployment({ spec: { serviceName: 'web-headless' } }), kind: 'StatefulSet' },
      service({ name: 'web-headless' }, { clusterIP: 'None' }),
    ),
  ],
  invalid: [
    {
      yaml: docs(
        { ...deployment({ spec: { serviceName: 'web-headless' } }), kind: 'StatefulSet' },
        service({ name: 'web-headless' }, {}),
      ),
      messages: ['the Service web-headless of StatefulSet web is not headless (clusterIP: None)'],
    },
    {
      yaml: docs(
        { ...deployment({ spec: { serviceName: 'db' } }), kind: 'StatefulSet' },
        service({ name: 'web-headless' }, { clusterIP: 'None' }),
      ),
      messages: ['the Service db of StatefulSet web is not in the input'],
    },
    {
      yaml: docs(
        { ...deployment({ spec: { serviceName: 'web-headless' } }), kind: 'StatefulSet' },
        service({ name: 'web-headless' }, { clusterIP: 'None', selector: { app: 'db' } }),
      ),
      messages: ['the Service web-headless does not select the pods of StatefulSet web'],
    },
  ],
});
