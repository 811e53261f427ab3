import { findingCases } from '../../../test/finding-cases.js';
import { noHealthcheck } from './no-healthcheck.js';

findingCases(noHealthcheck, {
  valid: [
    "services:\n  api:\n    image: example/api:1.0\n    ports: ['8080:8080']\n    healthcheck:\n      test: [CMD, curl, -f, http://localhost:8080/health]\n",
    "services:\n  db:\n    image: postgres:16\n    ports: ['5432:5432']\n",
  ],
  invalid: [
    {
      files: "services:\n  api:\n    image: example/api:1.0\n    ports: ['8080:8080']\n",
      messages: ['api has no health check'],
      at: ['2:3'],
    },
  ],
});
