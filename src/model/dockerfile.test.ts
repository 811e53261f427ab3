import assert from 'node:assert/strict';
import { memoryFs } from '../io/fs.js';
import { describe, it } from '../../test/harness.js';
import { readDockerfile } from './dockerfile.js';

const MULTI = `# syntax=docker/dockerfile:1
ARG PORT=8080
FROM --platform=$BUILDPLATFORM node:20 AS build
WORKDIR /src
RUN npm ci \\
    && npm run build
EXPOSE 9229

FROM node:20-slim AS base
USER 1001:1001
EXPOSE 3000

FROM base AS release
ARG PORT
ENV PORT=\${PORT}
EXPOSE \${PORT} 53/udp
CMD ["node", "server.js"]

FROM base AS debug
USER root
EXPOSE 9229
`;

describe('Dockerfile facts, read with a Dockerfile parser', () => {
  const fs = memoryFs({
    '/p/app/Dockerfile': MULTI,
    '/p/app/Dockerfile.args': 'FROM alpine:3.20\nARG HTTP_PORT\nEXPOSE $HTTP_PORT\nUSER app\n',
    '/etc/evil/Dockerfile': 'FROM scratch\nUSER 0\n',
  });
  it('takes the stage Compose builds and what it inherits from the stages it is built on', () => {
    const f = readDockerfile(fs, '/p', { context: '/p/app', target: 'release' });
    assert.deepEqual(f?.expose, [
      { port: 8080, protocol: 'tcp' },
      { port: 53, protocol: 'udp' },
      { port: 3000, protocol: 'tcp' },
    ]);
    assert.deepEqual(f?.user, { value: '1001:1001', line: 10 });
    assert.equal(f?.path, 'app/Dockerfile');
  });
  it('without a target, the last stage', () => {
    const f = readDockerfile(fs, '/p', { context: '/p/app' });
    assert.deepEqual(f?.user, { value: 'root', line: 20 });
    assert.deepEqual(
      f?.expose.map((p) => p.port),
      [9229, 3000],
    );
  });
  it('a build argument from Compose fills a variable; one with no value is said, not guessed', () => {
    const set = readDockerfile(fs, '/p', {
      context: '/p/app',
      dockerfile: 'Dockerfile.args',
      args: { HTTP_PORT: '8081' },
    });
    assert.deepEqual(set?.expose, [{ port: 8081, protocol: 'tcp' }]);
    const unset = readDockerfile(fs, '/p', { context: '/p/app', dockerfile: 'Dockerfile.args' });
    assert.deepEqual(unset?.expose, []);
    assert.deepEqual(unset?.unresolved, ['EXPOSE $HTTP_PORT (line 3)']);
    assert.deepEqual(unset?.user, { value: 'app', line: 4 });
  });
  it('reads nothing outside the project, and nothing for a remote context or a missing file', () => {
    assert.equal(readDockerfile(fs, '/p', { context: '/etc/evil' }), undefined);
    assert.equal(readDockerfile(fs, '/p', { context: '/p/app', dockerfile: '../../etc/evil/Dockerfile' }), undefined);
    assert.equal(readDockerfile(fs, '/p', { context: 'https://github.com/acme/app.git#main' }), undefined);
    assert.equal(readDockerfile(fs, '/p', { context: '/p/none' }), undefined);
  });
});
