import { findingCases } from '../../../test/finding-cases.js';
import { publishedDataPort } from './published-data-port.js';

findingCases(publishedDataPort, {
  valid: ['services:\n  db:\n    image: postgres:16\n'],
  invalid: [
    {
      files: "services:\n  db:\n    image: postgres:16\n    ports: ['5432:5432']\n",
      messages: ['db publishes 5432 on the host for direct access'],
      at: ['4:12'],
    },
  ],
});
