import { findingCases } from '../../../test/finding-cases.js';
import { hostDataMount } from './host-data-mount.js';

findingCases(hostDataMount, {
  valid: [
    'services:\n  db:\n    image: postgres:16\n    volumes: [pgdata:/var/lib/postgresql/data]\nvolumes:\n  pgdata: {}\n',
  ],
  invalid: [
    {
      files: 'services:\n  db:\n    image: postgres:16\n    volumes:\n      - ./data:/var/lib/postgresql/data\n',
      messages: ['db keeps its data in the host folder ./data'],
      at: ['5:9'],
    },
  ],
});
