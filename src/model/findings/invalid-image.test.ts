import { findingCases } from '../../../test/finding-cases.js';
import { invalidImage } from './invalid-image.js';

findingCases(invalidImage, {
  valid: [
    'services:\n  web:\n    image: nginx:1.27.3\n',
    'services:\n  api:\n    build: ./api\n',
    'services:\n  db:\n    image: registry.example.com:5000/team/postgres:16-alpine\n',
    'services:\n  db:\n    image: postgres@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
  ],
  invalid: [
    {
      // Airflow's own Compose file: `${AIRFLOW_IMAGE_NAME:-apache/airflow:|version|}`, a placeholder
      // of its documentation's template that Docker rejects as "invalid reference format".
      files:
        'services:\n  worker:\n    image: ${AIRFLOW_IMAGE_NAME:-apache/airflow:|version|}\n  web:\n    image: Team/App:1.0\n',
      messages: [
        'web names the image `Team/App:1.0`, which is not an image reference: its pods would stay in InvalidImageName',
        'worker names the image `apache/airflow:|version|`, which is not an image reference: its pods would stay in InvalidImageName',
      ],
      at: ['5:12', '3:12'],
    },
  ],
});
