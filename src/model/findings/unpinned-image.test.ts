import { findingCases } from '../../../test/finding-cases.js';
import { unpinnedImage } from './unpinned-image.js';

findingCases(unpinnedImage, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27.3\n',
    'services:\n  api:\n    build: ./api\n',
    'services:\n  db:\n    image: postgres:16-alpine\n',
  ],
  invalid: [
    {
      // A tag that names no version moves with each release: postgres:alpine is the newest major.
      files: 'services:\n  db:\n    image: postgres:alpine\n  app:\n    image: nextcloud:fpm-alpine\n',
      messages: [
        'app uses nextcloud:fpm-alpine, which changes whenever the image is republished',
        'db uses postgres:alpine, which changes whenever the image is republished',
      ],
      at: ['5:12', '3:12'],
    },
    {
      files: 'services:\n  web:\n    image: nginx\n  cache:\n    image: redis:latest\n',
      messages: [
        'cache uses redis:latest, which changes whenever the image is republished',
        'web uses nginx, which changes whenever the image is republished',
      ],
      at: ['5:12', '3:12'],
    },
  ],
});
