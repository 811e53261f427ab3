import { findingCases } from '../../../test/finding-cases.js';
import { containerName } from './container-name.js';

findingCases(containerName, {
  valid: ['services:\n  web:\n    image: nginx:1.27\n'],
  invalid: [
    {
      files: 'services:\n  db:\n    image: postgres:16\n    container_name: app-db\n',
      messages: ['db sets container_name "app-db"'],
      at: ['4:21'],
    },
  ],
});
