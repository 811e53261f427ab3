import { findingCases } from '../../../test/finding-cases.js';
import { dockerSocket } from './docker-socket.js';

findingCases(dockerSocket, {
  valid: ['services:\n  web:\n    image: nginx:1.27\n    volumes: [./conf:/etc/nginx/conf.d:ro]\n'],
  invalid: [
    {
      files:
        'services:\n  agent:\n    image: portainer/agent:2.21\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n',
      messages: ["agent mounts the Docker socket /var/run/docker.sock: it controls the host's containers"],
      at: ['5:9'],
    },
  ],
});
