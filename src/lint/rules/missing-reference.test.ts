import { container, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './missing-reference.js';

lintCases(rule, {
  valid: [
    docs(
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: { a: '1' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'shop' }, stringData: { p: 'x' } },
      deployment({
        containers: [
          container({
            env: [
              { name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a' } } },
              { name: 'P', valueFrom: { secretKeyRef: { name: 'creds', key: 'p' } } },
            ],
            envFrom: [{ configMapRef: { name: 'cfg' } }],
            volumeMounts: [{ name: 'files', mountPath: '/etc/app' }],
          }),
        ],
        pod: { volumes: [{ name: 'files', configMap: { name: 'cfg', items: [{ key: 'a', path: 'a.conf' }] } }] },
      }),
    ),
    docs(deployment({ containers: [container({ envFrom: [{ secretRef: { name: 'nope', optional: true } }] })] })),
  ],
  invalid: [
    {
      yaml: docs(
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: { b: '1' } },
        deployment({
          containers: [
            container({
              env: [
                { name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a' } } },
                { name: 'P', valueFrom: { secretKeyRef: { name: 'creds', key: 'p' } } },
              ],
              envFrom: [{ configMapRef: { name: 'cfg' } }],
              volumeMounts: [{ name: 'files', mountPath: '/etc/app' }],
            }),
          ],
          pod: { volumes: [{ name: 'files', configMap: { name: 'cfg', items: [{ key: 'a', path: 'a.conf' }] } }] },
        }),
      ),
      messages: [
        'the ConfigMap cfg has no key "a"',
        'the Secret creds is not in the input: the pod does not start',
        'the ConfigMap cfg has no key "a"',
      ],
    },
    {
      yaml: docs(deployment({ containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] })),
      messages: ['container "app" mounts the volume "data", which the pod does not declare'],
    },
    {
      yaml: docs(
        deployment({ pod: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'web-data' } }] } }),
      ),
      messages: ['the PersistentVolumeClaim web-data is not in the input: the pod stays Pending'],
    },
  ],
});
