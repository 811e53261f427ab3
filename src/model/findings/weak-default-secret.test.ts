import { findingCases } from '../../../test/finding-cases.js';
import { weakDefaultSecret } from './weak-default-secret.js';

findingCases(weakDefaultSecret, {
  valid: [
    {
      'compose.yaml':
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n',
      '.env': 'DB_PASSWORD=Xq9vL2mT8rW4zK7p\n',
    },
  ],
  invalid: [
    {
      files:
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:-changeme}\n',
      messages: ['POSTGRES_PASSWORD falls back to a default written in the Compose file'],
      at: ['5:7'],
    },
  ],
});
