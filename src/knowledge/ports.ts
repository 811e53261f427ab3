import type { WorkloadPort } from '../model/types.js';

/**
 * Well-known TCP ports that speak something other than HTTP (IANA's registry and the images that use
 * them): published, they need a LoadBalancer or NodePort Service, never an HTTP Ingress.
 */
const NOT_HTTP = new Map<number, string>([
  [21, 'FTP'],
  [22, 'SSH'],
  [23, 'Telnet'],
  [25, 'SMTP'],
  [53, 'DNS'],
  [110, 'POP3'],
  [143, 'IMAP'],
  [389, 'LDAP'],
  [465, 'SMTP over TLS'],
  [587, 'mail submission'],
  [636, 'LDAP over TLS'],
  [853, 'DNS over TLS'],
  [993, 'IMAP over TLS'],
  [995, 'POP3 over TLS'],
  [1194, 'OpenVPN'],
  [1883, 'MQTT'],
  [2181, 'ZooKeeper'],
  [3306, 'MySQL'],
  [3478, 'STUN/TURN'],
  [4190, 'ManageSieve'],
  [4222, 'NATS'],
  [5222, 'XMPP'],
  [5269, 'XMPP federation'],
  [5349, 'TURN over TLS'],
  [5432, 'PostgreSQL'],
  [5672, 'AMQP'],
  [6379, 'Redis'],
  [7687, 'Bolt (Neo4j)'],
  [8883, 'MQTT over TLS'],
  [9042, 'CQL (Cassandra)'],
  [9092, 'Kafka'],
  [11211, 'memcached'],
  [27017, 'MongoDB'],
  [51820, 'WireGuard'],
]);

/** What a port speaks when it is not HTTP (any UDP or SCTP port, or a well-known TCP one); undefined for HTTP or unknown TCP. */
export function notHttp(p: Pick<WorkloadPort, 'port' | 'protocol' | 'speaks'>): string | undefined {
  const known = NOT_HTTP.get(p.port) ?? p.speaks;
  if (p.protocol !== 'tcp') return known ?? p.protocol.toUpperCase();
  return known;
}

/**
 * Well-known gRPC ports (HTTP/2 for programs, not pages): an HTTP Ingress does not carry them without
 * a gRPC backend protocol and TLS, so they are never given one, and are named as what they are.
 */
const GRPC = new Map<number, string>([
  [4317, 'OTLP/gRPC'],
  [7233, 'Temporal gRPC'],
  [7234, 'Temporal gRPC'],
  [7235, 'Temporal gRPC'],
  [7239, 'Temporal gRPC'],
  [9095, 'Loki gRPC'],
  [14250, 'Jaeger gRPC'],
  [50051, 'gRPC'],
]);

/** What a TCP port speaks when it is a well-known gRPC port; undefined otherwise. */
export const grpcPort = (p: Pick<WorkloadPort, 'port' | 'protocol'>): string | undefined =>
  p.protocol === 'tcp' ? GRPC.get(p.port) : undefined;
