import { findingCases } from '../../../test/finding-cases.js';
import { singlePointOfFailure } from './single-point-of-failure.js';

findingCases(singlePointOfFailure, {
  valid: ['services:\n  web:\n    image: nginx:1.27\n'],
  invalid: [
    {
      files:
        'services:\n  db:\n    image: postgres:16\n    volumes: [pgdata:/var/lib/postgresql/data]\nvolumes:\n  pgdata: {}\n',
      messages: ['db holds data and runs as a single replica'],
      at: ['2:3'],
    },
  ],
});
