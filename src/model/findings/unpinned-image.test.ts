import { findingCases } from '../../../test/finding-cases.js';
import { unpinnedImage } from './unpinned-image.js';

findingCases(unpinnedImage, {
  valid: ['services:\n  web:\n    image: nginx:1.27.3\n', 'services:\n  api:\n    build: ./api\n'],
  invalid: [
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
