import assert from 'node:assert/strict';
import { describe, it } from '../../test/harness.js';
import { brief, errorsOf, loadMem } from '../../test/helpers.js';

const svc = (yaml: string, extra = '') => {
  const r = loadMem({ 'compose.yaml': `services:\n  a:\n    image: x\n${yaml}${extra}` });
  assert.deepEqual(errorsOf(r.diagnostics), []);
  return r.project!.services.a!;
};

describe('normalization to long syntax', () => {
  it('ports: short, long, ranges, numbers', () => {
    const s = svc(
      '    ports:\n      - 80\n      - "127.0.0.1:8080:80/udp"\n      - "9000-9001:9000-9001"\n      - target: 443\n        published: "8443"\n        host_ip: 0.0.0.0\n        name: https\n',
    );
    assert.deepEqual(s.ports, [
      { target: 80, protocol: 'tcp', mode: 'ingress' },
      { target: 80, published: '8080', host_ip: '127.0.0.1', protocol: 'udp', mode: 'ingress' },
      { target: 9000, published: '9000', protocol: 'tcp', mode: 'ingress' },
      { target: 9001, published: '9001', protocol: 'tcp', mode: 'ingress' },
      { target: 443, published: '8443', host_ip: '0.0.0.0', protocol: 'tcp', mode: 'ingress', name: 'https' },
    ]);
  });
  it('expose: numbers become strings', () => {
    assert.deepEqual(svc('    expose: [8021, "9000-9001"]\n').expose, ['8021', '9000-9001']);
  });
  it('volumes: bind paths absolute, named, anonymous, tmpfs with size', () => {
    const s = svc(
      '    volumes:\n      - ./data:/data:ro\n      - db:/var/lib/db\n      - /anon\n      - type: tmpfs\n        target: /tmp\n        tmpfs:\n          size: 64m\n      - type: bind\n        source: ./cfg\n        target: /cfg\n',
      'volumes:\n  db:\n',
    );
    assert.deepEqual(s.volumes, [
      { type: 'bind', source: '/p/data', target: '/data', read_only: true, bind: { create_host_path: true } },
      { type: 'volume', source: 'db', target: '/var/lib/db' },
      { type: 'volume', target: '/anon' },
      { type: 'tmpfs', target: '/tmp', tmpfs: { size: 64 * 1024 * 1024 } },
      { type: 'bind', source: '/p/cfg', target: '/cfg', bind: { create_host_path: true } },
    ]);
  });
  it('depends_on: list to map with defaults; map keeps conditions', () => {
    const r = loadMem({
      'compose.yaml':
        'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on:\n      c:\n        condition: service_completed_successfully\n        restart: true\n  c:\n    image: x\n',
    });
    assert.deepEqual(r.project!.services.a!.depends_on, {
      b: { condition: 'service_started', required: true, restart: false },
    });
    assert.deepEqual(r.project!.services.b!.depends_on, {
      c: { condition: 'service_completed_successfully', required: true, restart: true },
    });
  });
  it('healthcheck: string test to CMD-SHELL, durations to ms, NONE to disable', () => {
    assert.deepEqual(
      svc(
        '    healthcheck:\n      test: curl -f http://localhost/\n      interval: 1m30s\n      timeout: 5s\n      retries: "3"\n      start_period: 500ms\n',
      ).healthcheck,
      {
        test: ['CMD-SHELL', 'curl -f http://localhost/'],
        interval: 90_000,
        timeout: 5000,
        retries: 3,
        start_period: 500,
      },
    );
    assert.deepEqual(svc('    healthcheck:\n      test: [NONE]\n').healthcheck, { disable: true });
    assert.deepEqual(svc('    healthcheck:\n      disable: true\n').healthcheck, { disable: true });
  });
  it('deploy: replicas, resources with cpus and byte sizes, restart policy durations', () => {
    const s = svc(
      '    deploy:\n      replicas: "3"\n      resources:\n        limits: {cpus: "0.5", memory: 512M}\n        reservations: {cpus: 0.1, memory: 1g}\n      restart_policy:\n        condition: on-failure\n        delay: 5s\n        max_attempts: 3\n',
    );
    assert.deepEqual(s.deploy, {
      replicas: 3,
      resources: { limits: { cpus: 0.5, memory: 536_870_912 }, reservations: { cpus: 0.1, memory: 1_073_741_824 } },
      restart_policy: { condition: 'on-failure', delay: 5000, max_attempts: 3 },
    });
  });
  it('scale becomes deploy.replicas', () => {
    assert.equal(svc('    scale: 2\n').deploy!.replicas, 2);
  });
  it('secrets and configs: short and long, default targets', () => {
    const s = svc(
      '    secrets:\n      - db_pw\n      - source: api\n        target: api_key\n        mode: 0440\n    configs:\n      - nginx\n      - source: app\n        target: /etc/app.conf\n',
      'secrets:\n  db_pw: {file: ./pw.txt}\n  api: {environment: API_KEY}\nconfigs:\n  nginx: {file: ./nginx.conf}\n  app: {content: "x=1"}\n',
    );
    assert.deepEqual(s.secrets, [
      { source: 'db_pw', target: '/run/secrets/db_pw' },
      { source: 'api', target: '/run/secrets/api_key', mode: 440 },
    ]);
    assert.deepEqual(s.configs, [
      { source: 'nginx', target: '/nginx' },
      { source: 'app', target: '/etc/app.conf' },
    ]);
  });
  it('networks: list to map, aliases kept; top-level names prefixed by the project', () => {
    const r = loadMem({
      'compose.yaml':
        'services:\n  a:\n    image: x\n    networks: [front]\n  b:\n    image: x\n    networks:\n      back:\n        aliases: [db]\nnetworks:\n  front:\n  back:\n    internal: true\n  ext:\n    external: true\n',
    });
    const p = r.project!;
    assert.deepEqual(p.services.a!.networks, { front: null });
    assert.deepEqual(p.services.b!.networks, { back: { aliases: ['db'] } });
    assert.deepEqual(p.networks, {
      back: { internal: true, name: 'p_back' },
      ext: { external: true, name: 'ext' },
      front: { name: 'p_front' },
    });
  });
  it('a service without networks joins the default network', () => {
    const r = loadMem({ 'compose.yaml': 'services:\n  a:\n    image: x\n' });
    assert.deepEqual(r.project!.services.a!.networks, { default: null });
    assert.deepEqual(r.project!.networks.default, { name: 'p_default' });
  });
  it('labels, sysctls, extra_hosts: list or map', () => {
    const s = svc(
      '    labels: [a=1, b]\n    sysctls: ["net.core.somaxconn=1024"]\n    extra_hosts: ["host.docker.internal:host-gateway", "db=10.0.0.2"]\n',
    );
    assert.deepEqual(s.labels, { a: '1', b: '' });
    assert.deepEqual(s.sysctls, { 'net.core.somaxconn': '1024' });
    assert.deepEqual(s.extra_hosts, { 'host.docker.internal': ['host-gateway'], db: ['10.0.0.2'] });
  });
  it('byte sizes, cpus, ulimits, booleans from strings', () => {
    const s = svc(
      '    shm_size: 256m\n    mem_limit: 1g\n    cpus: "1.5"\n    ulimits:\n      nofile: {soft: 1024, hard: 4096}\n      nproc: 65535\n    privileged: "true"\n    read_only: false\n    stop_grace_period: 1m\n',
    );
    assert.equal(s.shm_size, 268_435_456);
    assert.equal(s.mem_limit, 1_073_741_824);
    assert.equal(s.cpus, 1.5);
    assert.deepEqual(s.ulimits, { nofile: { soft: 1024, hard: 4096 }, nproc: { soft: 65535, hard: 65535 } });
    assert.equal(s.privileged, true);
    assert.equal(s.read_only, false);
    assert.equal(s.stop_grace_period, 60_000);
  });
  it('build: string or mapping, args list or map, context absolute, remote kept', () => {
    assert.deepEqual(svc('    build: ./app\n').build, { context: '/p/app', dockerfile: 'Dockerfile' });
    assert.deepEqual(
      svc('    build:\n      context: app\n      dockerfile: Dockerfile.prod\n      args: [A=1, B]\n').build,
      { context: '/p/app', dockerfile: 'Dockerfile.prod', args: { A: '1', B: null } },
    );
    assert.equal(svc('    build: https://github.com/x/y.git#main\n').build!.context, 'https://github.com/x/y.git#main');
  });
  it('command and entrypoint: string split like a shell, list kept', () => {
    const s = svc(`    command: redis-server --requirepass "a b" --port 6379\n    entrypoint: ["/bin/sh", "-c"]\n`);
    assert.deepEqual(s.command, ['redis-server', '--requirepass', 'a b', '--port', '6379']);
    assert.deepEqual(s.entrypoint, ['/bin/sh', '-c']);
  });
  it('keeps every other key as written', () => {
    const s = svc('    logging:\n      driver: json-file\n      options: {max-size: 10m}\n    platform: linux/amd64\n');
    assert.deepEqual(s.logging, { driver: 'json-file', options: { 'max-size': '10m' } });
    assert.equal(s.platform, 'linux/amd64');
  });
  it('origins point at the source of each normalized value', () => {
    const r = loadMem({
      'compose.yaml': 'services:\n  a:\n    image: x\n    ports:\n      - "80:80"\n    environment:\n      A: "1"\n',
    });
    const o = r.project!.origins;
    assert.deepEqual(o.get('/services/a/ports/0'), {
      file: '/p/compose.yaml',
      line: 5,
      col: 9,
      path: 'services.a.ports[0]',
    });
    assert.equal(o.get('/services/a/environment/A')!.line, 7);
    assert.equal(o.get('/services/a')!.line, 2);
  });
  it('reports values it cannot convert', () => {
    const r = loadMem({
      'compose.yaml':
        'services:\n  a:\n    image: x\n    deploy:\n      replicas: many\n    healthcheck:\n      interval: soon\n    shm_size: huge\n',
    });
    assert.deepEqual(brief(errorsOf(r.diagnostics)), [
      'schema-type@5:17',
      'invalid-duration@7:17',
      'invalid-size@8:15',
    ]);
  });
});
