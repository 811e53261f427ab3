import { findingCases } from '../../../test/finding-cases.js';
import { buildWithoutImage } from './build-without-image.js';

findingCases(buildWithoutImage, {
  valid: [
    'services:\n  api:\n    build: .\n    image: ghcr.io/acme/api:1.0\n',
    'services:\n  web:\n    image: nginx:1.27\n',
  ],
  invalid: [
    {
      files: 'services:\n  api:\n    build: ./api\n',
      messages: ['api is built from ./api with no image name'],
      at: ['3:12'],
    },
    {
      files: 'services:\n  api:\n    build: ./api\n    image: localhost:5000/api:dev\n  worker:\n    build: ./api\n',
      messages: ['2 services are built from source with no image name a cluster can pull'],
      at: ['3:12'],
    },
  ],
});
