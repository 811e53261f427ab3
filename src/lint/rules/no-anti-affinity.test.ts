import { LABELS, deployment, docs, lintCases } from '../../../test/lint-cases.js';
import rule from './no-anti-affinity.js';

lintCases(rule, {
  valid: [
    docs(deployment()),
    docs(
      deployment({
        replicas: 3,
        pod: {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: LABELS },
            },
          ],
        },
      }),
    ),
    docs(
      deployment({
        replicas: 2,
        pod: {
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 100,
                  podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: LABELS } },
                },
              ],
            },
          },
        },
      }),
    ),
  ],
  invalid: [
    {
      yaml: docs(deployment({ replicas: 3 })),
      messages: ['Deployment web has 3 replicas and nothing keeps them on different nodes'],
    },
    {
      yaml: docs(
        deployment({
          replicas: 2,
          pod: {
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'other' } } },
                ],
              },
            },
          },
        }),
      ),
      messages: ['Deployment web has 2 replicas and nothing keeps them on different nodes'],
    },
  ],
});
