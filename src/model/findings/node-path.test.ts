import { findingCases } from '../../../test/finding-cases.js';
import { nodePath } from './node-path.js';

findingCases(nodePath, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27\n    volumes: [./conf:/etc/nginx/conf.d:ro]\n',
    'services:\n  db:\n    image: postgres:16\n    volumes: [/srv/pg:/var/lib/postgresql/data]\n',
  ],
  invalid: [
    {
      files: 'services:\n  web:\n    image: example/web:1.0\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n',
      messages: ['web mounts /etc/localtime of the Docker host at /etc/localtime'],
      at: ['5:9'],
    },
    {
      files:
        'services:\n  exporter:\n    image: prom/node-exporter:v1.8.0\n    volumes:\n      - /proc:/host/proc:ro\n',
      messages: ['exporter mounts /proc of the Docker host at /host/proc'],
      at: ['5:9'],
    },
  ],
});
