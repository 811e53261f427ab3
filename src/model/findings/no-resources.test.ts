import { findingCases } from '../../../test/finding-cases.js';
import { noResources } from './no-resources.js';

findingCases(noResources, {
  valid: [
    "services:\n  api:\n    image: example/api:1.0\n    deploy:\n      resources:\n        limits: {cpus: '0.5', memory: 256M}\n",
  ],
  invalid: [
    {
      files: 'services:\n  api:\n    image: example/api:1.0\n  worker:\n    image: example/api:1.0\n',
      messages: ['2 services set no resource limits'],
      at: ['2:3'],
    },
  ],
});
