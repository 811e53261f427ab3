import { findingCases } from '../../../test/finding-cases.js';
import { hostPath } from './host-path.js';

findingCases(hostPath, {
  valid: [
    'services:\n  db:\n    image: postgres:16\n    volumes: [./data:/var/lib/postgresql/data]\n',
    'services:\n  web:\n    image: nginx:1.27\n    volumes: [site:/usr/share/nginx/html]\nvolumes:\n  site: {}\n',
  ],
  invalid: [
    {
      files: 'services:\n  web:\n    image: example/web:1.0\n    volumes:\n      - ./uploads:/app/uploads\n',
      messages: ['web mounts the host folder ./uploads at /app/uploads'],
      at: ['5:9'],
    },
  ],
});
