import { findingCases } from '../../../test/finding-cases.js';
import { noVolume } from './no-volume.js';

findingCases(noVolume, {
  valid: [
    'services:\n  db:\n    image: postgres:16\n    volumes: [pgdata:/var/lib/postgresql/data]\nvolumes:\n  pgdata: {}\n',
    'services:\n  web:\n    image: nginx:1.27\n',
  ],
  invalid: [
    {
      files: 'services:\n  db:\n    image: postgres:16\n',
      messages: [
        'db is a database with no volume: its data lives in its container (or an anonymous volume of its image) and is gone once the container is re-created (docker compose down, a new image)',
      ],
      at: ['2:3'],
    },
  ],
});
