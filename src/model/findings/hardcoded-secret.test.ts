import { findingCases } from '../../../test/finding-cases.js';
import { hardcodedSecret } from './hardcoded-secret.js';

findingCases(hardcodedSecret, {
  valid: [
    {
      'compose.yaml':
        'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n',
      '.env': 'DB_PASSWORD=Xq9vL2mT8rW4zK7p\n',
    },
    'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n',
  ],
  invalid: [
    {
      files: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: Xq9vL2mT8rW4zK7p\n',
      messages: ['POSTGRES_PASSWORD is written in the Compose file'],
      at: ['5:7'],
    },
  ],
});
