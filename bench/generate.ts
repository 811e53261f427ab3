/**
 * A synthetic Compose project of N services with the features real stacks use: anchors, ports,
 * named volumes, env maps, healthchecks, depends_on with conditions, deploy resources.
 */
export function generateProject(services: number): string {
  const out: string[] = [
    'name: generated',
    'x-common: &common',
    '  restart: unless-stopped',
    '  deploy:',
    '    resources:',
    '      limits: {cpus: "0.5", memory: 512M}',
    'services:',
  ];
  for (let i = 0; i < services; i++) {
    const kind = i % 10;
    out.push(`  svc-${i}:`);
    out.push('    <<: *common');
    if (kind === 0) {
      out.push(
        '    image: postgres:16-alpine',
        '    volumes:',
        `      - data-${i}:/var/lib/postgresql/data`,
        '    environment:',
        `      POSTGRES_PASSWORD: \${PG_PW_${i}:-secret${i}}`,
        '      POSTGRES_DB: app',
      );
      out.push(
        '    healthcheck:',
        '      test: ["CMD-SHELL", "pg_isready -U postgres"]',
        '      interval: 10s',
        '      retries: 5',
      );
    } else {
      out.push(
        `    image: registry.example.com/app/svc-${i}:1.${i}`,
        '    ports:',
        `      - "${10000 + i}:8080"`,
        '    environment:',
        `      - DATABASE_URL=postgres://app:pw@svc-${i - kind}:5432/app`,
        `      - LOG_LEVEL=info`,
      );
      out.push('    depends_on:', `      svc-${i - kind}:`, '        condition: service_healthy');
      out.push('    command: ["serve", "--port", "8080"]');
    }
  }
  out.push('volumes:');
  for (let i = 0; i < services; i += 10) out.push(`  data-${i}:`);
  return out.join('\n') + '\n';
}
