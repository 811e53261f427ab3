import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { environmentPorts } from './listening.js';

const ports = (env: Record<string, string | null>) => environmentPorts(env).map((p) => `${p.variable}=${p.port}`);

describe('environmentPorts: where a service says it listens', () => {
  it('takes port variables of a wide convention and wildcard addresses in any variable', () => {
    assert.deepEqual(
      ports({
        PORT: '3000',
        ASPNETCORE_URLS: 'http://+:8000;https://*:8443',
        ASPNETCORE_HTTP_PORTS: '8080; 8081',
        ADDRESS: '0.0.0.0:9000',
        BIND: '[::]:9100',
        LISTEN: ':7070',
        GUNICORN_CMD_ARGS: '--bind=0.0.0.0:5000 --workers 2',
      }),
      [
        'PORT=3000',
        'ASPNETCORE_URLS=8000',
        'ASPNETCORE_URLS=8443',
        'ASPNETCORE_HTTP_PORTS=8080',
        'ASPNETCORE_HTTP_PORTS=8081',
        'ADDRESS=9000',
        'BIND=9100',
        'LISTEN=7070',
        'GUNICORN_CMD_ARGS=5000',
      ],
    );
  });

  it('never takes a client address, another service port, or a value that is not a port', () => {
    assert.deepEqual(
      ports({
        DATABASE_URL: 'postgres://user:pw@db:5432/app',
        REDIS: 'localhost:6379',
        UPSTREAM: 'http://127.0.0.1:8081',
        DB_PORT: '5432',
        SMTP_PORT: '25',
        PORT: 'http',
        HTTP_PORT: '70000',
        SERVER_PORT: null,
        RATIO: '1:2',
        TIME: '10:30',
        IPV6: 'fe80::1:8080',
      }),
      [],
    );
  });

  it('names each port once, first variable first', () => {
    assert.deepEqual(ports({ PORT: '8000', ADDRESS: '0.0.0.0:8000' }), ['PORT=8000']);
  });
});
