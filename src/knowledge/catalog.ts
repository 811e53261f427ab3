import type { ImageKnowledge, Resources } from './types.js';

const res = (cpuReq: string, memReq: string, cpuLim: string, memLim: string): Resources => ({
  requests: { cpu: cpuReq, memory: memReq },
  limits: { cpu: cpuLim, memory: memLim },
});

const SMALL = res('50m', '64Mi', '250m', '256Mi');
const MEDIUM = res('100m', '256Mi', '500m', '512Mi');
const LARGE = res('250m', '512Mi', '1', '1Gi');
const JVM = res('500m', '1Gi', '2', '2Gi');

/**
 * Well-known images. Sizes and resources are starting points an operator would pick for a small
 * production stack; the Compose file's own `deploy.resources` always wins.
 */
export const CATALOG: readonly ImageKnowledge[] = [
  // Relational databases
  {
    id: 'postgres', name: 'PostgreSQL', role: 'database',
    images: ['postgres', 'bitnami/postgresql', 'timescale/timescaledb', 'timescale/timescaledb-ha', 'postgis/postgis', 'pgvector/pgvector', 'supabase/postgres', 'ankane/pgvector'],
    ports: [5432], dataPaths: ['/var/lib/postgresql/data', '/bitnami/postgresql', '/home/postgres/pgdata'], uid: 999, fsGroup: 999,
    readiness: { kind: 'exec', command: ['sh', '-c', 'pg_isready -h 127.0.0.1 -U "${POSTGRES_USER:-postgres}"'] },
    backup: 'pg_dump -Fc', migration: 'postgres', operator: 'CloudNativePG', resources: LARGE, volumeSize: '20Gi',
    writablePaths: ['/tmp', '/var/run/postgresql'], secretEnv: ['POSTGRES_PASSWORD', 'POSTGRESQL_PASSWORD', 'PGPASSWORD'],
  },
  {
    id: 'mysql', name: 'MySQL', role: 'database', images: ['mysql', 'bitnami/mysql', 'mysql/mysql-server', 'percona', 'percona/percona-server'],
    ports: [3306], dataPaths: ['/var/lib/mysql', '/bitnami/mysql/data'], uid: 999, fsGroup: 999,
    readiness: { kind: 'exec', command: ['sh', '-c', 'mysqladmin ping -h 127.0.0.1 --silent'] },
    backup: 'mysqldump --single-transaction --routines --triggers', migration: 'mysql', operator: 'MySQL Operator for Kubernetes', resources: LARGE, volumeSize: '20Gi',
    writablePaths: ['/tmp', '/var/run/mysqld'], secretEnv: ['MYSQL_ROOT_PASSWORD', 'MYSQL_PASSWORD'],
  },
  {
    id: 'mariadb', name: 'MariaDB', role: 'database', images: ['mariadb', 'bitnami/mariadb', 'linuxserver/mariadb', 'yobasystems/alpine-mariadb'],
    ports: [3306], dataPaths: ['/var/lib/mysql', '/bitnami/mariadb', '/config'], uid: 999, fsGroup: 999,
    readiness: { kind: 'exec', command: ['sh', '-c', 'healthcheck.sh --connect --innodb_initialized || mariadb-admin ping -h 127.0.0.1 --silent'] },
    backup: 'mariadb-dump --single-transaction --routines --triggers', migration: 'mysql', operator: 'MariaDB Operator', resources: LARGE, volumeSize: '20Gi',
    writablePaths: ['/tmp', '/run/mysqld'], secretEnv: ['MARIADB_ROOT_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'MARIADB_PASSWORD', 'MYSQL_PASSWORD'],
  },
  {
    id: 'mongodb', name: 'MongoDB', role: 'database', images: ['mongo', 'bitnami/mongodb', 'mongodb/mongodb-community-server'],
    ports: [27017], dataPaths: ['/data/db', '/bitnami/mongodb'], uid: 999, fsGroup: 999,
    readiness: { kind: 'exec', command: ['mongosh', '--quiet', '--eval', 'db.adminCommand("ping")'] },
    backup: 'mongodump --archive --gzip', migration: 'mongodb', operator: 'MongoDB Community Operator', resources: LARGE, volumeSize: '20Gi',
    secretEnv: ['MONGO_INITDB_ROOT_PASSWORD'],
  },
  {
    id: 'cassandra', name: 'Apache Cassandra', role: 'database', images: ['cassandra', 'bitnami/cassandra'],
    ports: [9042, 7000], dataPaths: ['/var/lib/cassandra', '/bitnami/cassandra'], uid: 999, fsGroup: 999,
    readiness: { kind: 'exec', command: ['sh', '-c', 'nodetool status | grep -q "^UN"'] },
    backup: 'nodetool snapshot', migration: 'volume', operator: 'K8ssandra', resources: JVM, volumeSize: '50Gi',
  },
  {
    id: 'clickhouse', name: 'ClickHouse', role: 'database', images: ['clickhouse/clickhouse-server', 'yandex/clickhouse-server', 'bitnami/clickhouse'],
    ports: [8123, 9000], dataPaths: ['/var/lib/clickhouse', '/bitnami/clickhouse'], uid: 101, fsGroup: 101,
    readiness: { kind: 'http', path: '/ping', port: 8123 }, backup: 'clickhouse-backup', migration: 'volume', operator: 'Altinity ClickHouse Operator', resources: JVM, volumeSize: '50Gi',
    secretEnv: ['CLICKHOUSE_PASSWORD'],
  },
  {
    id: 'influxdb', name: 'InfluxDB', role: 'database', images: ['influxdb', 'bitnami/influxdb'],
    ports: [8086], dataPaths: ['/var/lib/influxdb2', '/var/lib/influxdb'], readiness: { kind: 'http', path: '/health', port: 8086 },
    backup: 'influx backup', migration: 'volume', resources: LARGE, volumeSize: '20Gi', secretEnv: ['DOCKER_INFLUXDB_INIT_PASSWORD', 'DOCKER_INFLUXDB_INIT_ADMIN_TOKEN'],
  },
  {
    id: 'neo4j', name: 'Neo4j', role: 'database', images: ['neo4j', 'bitnami/neo4j'],
    ports: [7687, 7474], dataPaths: ['/data'], uid: 7474, fsGroup: 7474, readiness: { kind: 'tcp', port: 7687 },
    backup: 'neo4j-admin database dump', migration: 'volume', resources: JVM, volumeSize: '20Gi', secretEnv: ['NEO4J_AUTH'],
  },
  {
    id: 'couchdb', name: 'CouchDB', role: 'database', images: ['couchdb', 'bitnami/couchdb'],
    ports: [5984], dataPaths: ['/opt/couchdb/data'], readiness: { kind: 'http', path: '/_up', port: 5984 }, migration: 'volume', resources: MEDIUM, volumeSize: '10Gi',
    secretEnv: ['COUCHDB_PASSWORD'],
  },
  // Caches
  {
    id: 'redis', name: 'Redis', role: 'cache', images: ['redis', 'bitnami/redis', 'redis/redis-stack', 'redis/redis-stack-server', 'redislabs/redismod'],
    ports: [6379], dataPaths: ['/data', '/bitnami/redis/data'], uid: 999, fsGroup: 999,
    readiness: { kind: 'exec', command: ['redis-cli', 'ping'] }, backup: 'redis-cli --rdb', migration: 'redis', operator: 'Redis Operator (OT-Container-Kit)',
    resources: res('100m', '256Mi', '500m', '512Mi'), volumeSize: '5Gi', writablePaths: ['/tmp'], secretEnv: ['REDIS_PASSWORD'],
  },
  {
    id: 'valkey', name: 'Valkey', role: 'cache', images: ['valkey/valkey', 'bitnami/valkey'],
    ports: [6379], dataPaths: ['/data', '/bitnami/valkey/data'], uid: 999, fsGroup: 999,
    readiness: { kind: 'exec', command: ['valkey-cli', 'ping'] }, backup: 'valkey-cli --rdb', migration: 'redis', resources: res('100m', '256Mi', '500m', '512Mi'), volumeSize: '5Gi',
    writablePaths: ['/tmp'],
  },
  {
    id: 'dragonfly', name: 'Dragonfly', role: 'cache', images: ['docker.dragonflydb.io/dragonflydb/dragonfly', 'dragonflydb/dragonfly'],
    ports: [6379], dataPaths: ['/data'], readiness: { kind: 'tcp', port: 6379 }, migration: 'redis', resources: LARGE, volumeSize: '5Gi',
  },
  {
    id: 'memcached', name: 'Memcached', role: 'cache', images: ['memcached', 'bitnami/memcached'],
    ports: [11211], dataPaths: [], uid: 11211, readiness: { kind: 'tcp', port: 11211 }, migration: 'none', resources: MEDIUM, writablePaths: [],
  },
  // Queues and streams
  {
    id: 'rabbitmq', name: 'RabbitMQ', role: 'queue', images: ['rabbitmq', 'bitnami/rabbitmq'],
    ports: [5672, 15672], dataPaths: ['/var/lib/rabbitmq', '/bitnami/rabbitmq/mnesia'], uid: 999, fsGroup: 999,
    readiness: { kind: 'exec', command: ['rabbitmq-diagnostics', '-q', 'check_running'] },
    backup: 'rabbitmqctl export_definitions', migration: 'rabbitmq', operator: 'RabbitMQ Cluster Operator', resources: res('200m', '512Mi', '1', '1Gi'), volumeSize: '10Gi',
    secretEnv: ['RABBITMQ_DEFAULT_PASS', 'RABBITMQ_ERLANG_COOKIE'],
  },
  {
    id: 'kafka', name: 'Apache Kafka', role: 'queue',
    images: ['apache/kafka', 'apache/kafka-native', 'bitnami/kafka', 'confluentinc/cp-kafka', 'confluentinc/cp-server', 'confluentinc/confluent-local', 'wurstmeister/kafka'],
    ports: [9092], dataPaths: ['/var/lib/kafka/data', '/bitnami/kafka', '/tmp/kraft-combined-logs', '/var/lib/kafka'], uid: 1000, fsGroup: 1000,
    readiness: { kind: 'tcp', port: 9092 }, backup: 'MirrorMaker 2 to a standby cluster', migration: 'none', operator: 'Strimzi', resources: JVM, volumeSize: '50Gi',
  },
  {
    id: 'redpanda', name: 'Redpanda', role: 'queue', images: ['redpandadata/redpanda', 'vectorized/redpanda', 'docker.redpanda.com/redpandadata/redpanda'],
    ports: [9092, 9644], dataPaths: ['/var/lib/redpanda/data'], uid: 101, fsGroup: 101,
    readiness: { kind: 'http', path: '/v1/status/ready', port: 9644 }, migration: 'none', operator: 'Redpanda Operator', resources: JVM, volumeSize: '20Gi',
  },
  {
    id: 'zookeeper', name: 'Apache ZooKeeper', role: 'coordination', images: ['zookeeper', 'bitnami/zookeeper', 'confluentinc/cp-zookeeper', 'wurstmeister/zookeeper'],
    ports: [2181], dataPaths: ['/data', '/datalog', '/var/lib/zookeeper/data', '/var/lib/zookeeper/log', '/bitnami/zookeeper'], uid: 1000, fsGroup: 1000,
    readiness: { kind: 'tcp', port: 2181 }, migration: 'none', resources: MEDIUM, volumeSize: '5Gi',
  },
  {
    id: 'nats', name: 'NATS', role: 'queue', images: ['nats', 'bitnami/nats'],
    ports: [4222, 8222], dataPaths: ['/data', '/tmp/nats/jetstream'], readiness: { kind: 'http', path: '/healthz', port: 8222 }, migration: 'volume', resources: MEDIUM, volumeSize: '5Gi',
  },
  {
    id: 'mosquitto', name: 'Eclipse Mosquitto', role: 'queue', images: ['eclipse-mosquitto'],
    ports: [1883], dataPaths: ['/mosquitto/data'], uid: 1883, fsGroup: 1883, readiness: { kind: 'tcp', port: 1883 }, migration: 'volume', resources: SMALL, volumeSize: '1Gi',
  },
  {
    id: 'etcd', name: 'etcd', role: 'coordination', images: ['quay.io/coreos/etcd', 'bitnami/etcd', 'gcr.io/etcd-development/etcd', 'coreos/etcd'],
    ports: [2379, 2380], dataPaths: ['/etcd', '/bitnami/etcd', '/etcd-data', '/var/lib/etcd'], readiness: { kind: 'http', path: '/health', port: 2379 },
    backup: 'etcdctl snapshot save', migration: 'volume', resources: MEDIUM, volumeSize: '5Gi',
  },
  {
    id: 'confluent-platform', name: 'Confluent Platform component', role: 'api',
    images: ['confluentinc/cp-schema-registry', 'confluentinc/cp-kafka-connect', 'confluentinc/cp-kafka-rest', 'confluentinc/cp-ksqldb-server', 'confluentinc/cp-ksqldb-cli', 'confluentinc/cp-enterprise-control-center', 'confluentinc/cp-server-connect', 'cnfldemos/cp-server-connect-datagen', 'confluentinc/ksqldb-server', 'confluentinc/cp-enterprise-flink', 'confluentinc/cp-flink'],
    ports: [8081], dataPaths: [], migration: 'none', operator: 'Confluent for Kubernetes', resources: JVM,
  },
  // Object stores and search
  {
    id: 'minio', name: 'MinIO', role: 'object-store', images: ['minio/minio', 'bitnami/minio', 'quay.io/minio/minio', 'cgr.dev/chainguard/minio'],
    ports: [9000, 9001], dataPaths: ['/data', '/bitnami/minio/data', '/export'], uid: 1000, fsGroup: 1000,
    readiness: { kind: 'http', path: '/minio/health/ready', port: 9000 }, backup: 'mc mirror', migration: 'volume', operator: 'MinIO Operator', resources: LARGE, volumeSize: '50Gi',
    secretEnv: ['MINIO_ROOT_PASSWORD', 'MINIO_SECRET_KEY'],
  },
  {
    id: 'seaweedfs', name: 'SeaweedFS', role: 'object-store', images: ['chrislusf/seaweedfs'],
    ports: [8333, 9333], dataPaths: ['/data'], readiness: { kind: 'tcp', port: 9333 }, migration: 'volume', resources: LARGE, volumeSize: '50Gi',
  },
  {
    id: 'elasticsearch', name: 'Elasticsearch', role: 'search', images: ['elasticsearch', 'elasticsearch/elasticsearch', 'bitnami/elasticsearch'],
    ports: [9200, 9300], dataPaths: ['/usr/share/elasticsearch/data', '/bitnami/elasticsearch/data'], uid: 1000, fsGroup: 1000,
    readiness: { kind: 'http', path: '/_cluster/health?local=true', port: 9200 }, backup: 'snapshot repository', migration: 'volume', operator: 'Elastic Cloud on Kubernetes (ECK)',
    resources: res('500m', '2Gi', '2', '4Gi'), volumeSize: '50Gi', secretEnv: ['ELASTIC_PASSWORD'],
  },
  {
    id: 'opensearch', name: 'OpenSearch', role: 'search', images: ['opensearchproject/opensearch', 'bitnami/opensearch'],
    ports: [9200, 9600], dataPaths: ['/usr/share/opensearch/data'], uid: 1000, fsGroup: 1000,
    readiness: { kind: 'tcp', port: 9200 }, backup: 'snapshot repository', migration: 'volume', operator: 'OpenSearch Kubernetes Operator', resources: res('500m', '2Gi', '2', '4Gi'), volumeSize: '50Gi',
    secretEnv: ['OPENSEARCH_INITIAL_ADMIN_PASSWORD'],
  },
  {
    id: 'meilisearch', name: 'Meilisearch', role: 'search', images: ['getmeili/meilisearch'],
    ports: [7700], dataPaths: ['/meili_data'], readiness: { kind: 'http', path: '/health', port: 7700 }, migration: 'volume', resources: LARGE, volumeSize: '10Gi', secretEnv: ['MEILI_MASTER_KEY'],
  },
  {
    id: 'qdrant', name: 'Qdrant', role: 'database', images: ['qdrant/qdrant'],
    ports: [6333, 6334], dataPaths: ['/qdrant/storage'], uid: 1000, fsGroup: 1000, readiness: { kind: 'http', path: '/readyz', port: 6333 },
    backup: 'snapshot API', migration: 'volume', operator: 'Qdrant Operator', resources: LARGE, volumeSize: '20Gi', secretEnv: ['QDRANT__SERVICE__API_KEY'],
  },
  {
    id: 'milvus', name: 'Milvus', role: 'database', images: ['milvusdb/milvus'],
    ports: [19530, 9091], dataPaths: ['/var/lib/milvus'], readiness: { kind: 'http', path: '/healthz', port: 9091 }, migration: 'volume', operator: 'Milvus Operator', resources: JVM, volumeSize: '50Gi',
  },
  {
    id: 'weaviate', name: 'Weaviate', role: 'database', images: ['semitechnologies/weaviate', 'cr.weaviate.io/semitechnologies/weaviate'],
    ports: [8080, 50051], dataPaths: ['/var/lib/weaviate'], readiness: { kind: 'http', path: '/v1/.well-known/ready', port: 8080 }, migration: 'volume', resources: LARGE, volumeSize: '20Gi',
  },
  // Proxies
  {
    id: 'nginx', name: 'NGINX', role: 'proxy', images: ['nginx', 'nginxinc/nginx-unprivileged', 'bitnami/nginx', 'jwilder/nginx-proxy', 'nginxproxy/nginx-proxy', 'openresty/openresty'],
    ports: [80, 443], dataPaths: [], readiness: { kind: 'tcp', port: 80 }, migration: 'none', resources: SMALL, writablePaths: ['/var/cache/nginx', '/var/run', '/tmp'], needsRoot: true,
  },
  {
    id: 'traefik', name: 'Traefik', role: 'proxy', images: ['traefik'],
    ports: [80, 443, 8080], dataPaths: [], readiness: { kind: 'tcp', port: 80 }, migration: 'none', resources: SMALL, writablePaths: [],
    notes: 'In Kubernetes an Ingress controller replaces Traefik-as-proxy; its Docker labels become Ingress rules.',
  },
  {
    id: 'caddy', name: 'Caddy', role: 'proxy', images: ['caddy'],
    ports: [80, 443], dataPaths: ['/data'], readiness: { kind: 'tcp', port: 80 }, migration: 'volume', resources: SMALL, volumeSize: '1Gi', writablePaths: ['/config', '/tmp'],
  },
  {
    id: 'haproxy', name: 'HAProxy', role: 'proxy', images: ['haproxy', 'haproxytech/haproxy-alpine', 'haproxytech/haproxy-debian'],
    ports: [80, 443], dataPaths: [], readiness: { kind: 'tcp', port: 80 }, migration: 'none', resources: SMALL, writablePaths: ['/tmp', '/var/run'],
  },
  {
    id: 'envoy', name: 'Envoy', role: 'proxy', images: ['envoyproxy/envoy', 'envoyproxy/envoy-distroless'],
    ports: [10000, 9901], dataPaths: [], readiness: { kind: 'http', path: '/ready', port: 9901 }, migration: 'none', resources: SMALL, writablePaths: ['/tmp'],
  },
  {
    id: 'cloudflared', name: 'cloudflared', role: 'proxy', images: ['cloudflare/cloudflared', 'visibilityspots/cloudflared'],
    ports: [5053], dataPaths: [], migration: 'none', resources: SMALL, writablePaths: [],
  },
  // Observability
  {
    id: 'prometheus', name: 'Prometheus', role: 'observability', images: ['prom/prometheus', 'bitnami/prometheus', 'quay.io/prometheus/prometheus'],
    ports: [9090], dataPaths: ['/prometheus'], uid: 65534, fsGroup: 65534, readiness: { kind: 'http', path: '/-/ready', port: 9090 }, migration: 'volume',
    operator: 'Prometheus Operator (kube-prometheus-stack)', resources: LARGE, volumeSize: '20Gi', writablePaths: [],
  },
  {
    id: 'alertmanager', name: 'Alertmanager', role: 'observability', images: ['prom/alertmanager', 'quay.io/prometheus/alertmanager'],
    ports: [9093], dataPaths: ['/alertmanager'], uid: 65534, fsGroup: 65534, readiness: { kind: 'http', path: '/-/ready', port: 9093 }, migration: 'volume', resources: SMALL, volumeSize: '1Gi',
  },
  {
    id: 'grafana', name: 'Grafana', role: 'observability', images: ['grafana/grafana', 'grafana/grafana-oss', 'grafana/grafana-enterprise', 'bitnami/grafana'],
    ports: [3000], dataPaths: ['/var/lib/grafana'], uid: 472, fsGroup: 472, readiness: { kind: 'http', path: '/api/health', port: 3000 }, migration: 'volume',
    operator: 'Grafana Operator', resources: MEDIUM, volumeSize: '5Gi', secretEnv: ['GF_SECURITY_ADMIN_PASSWORD'], writablePaths: ['/tmp'],
  },
  {
    id: 'loki', name: 'Grafana Loki', role: 'observability', images: ['grafana/loki'],
    ports: [3100, 9095], dataPaths: ['/loki'], uid: 10001, fsGroup: 10001, readiness: { kind: 'http', path: '/ready', port: 3100 }, migration: 'volume', resources: LARGE, volumeSize: '20Gi',
  },
  {
    id: 'promtail', name: 'Promtail', role: 'observability', images: ['grafana/promtail', 'grafana/alloy', 'grafana/agent'],
    ports: [9080], dataPaths: [], readiness: { kind: 'http', path: '/ready', port: 9080 }, migration: 'none', resources: SMALL,
    notes: 'A log shipper runs once per node in Kubernetes: a DaemonSet reading /var/log/pods.',
  },
  {
    id: 'jaeger', name: 'Jaeger', role: 'observability', images: ['jaegertracing/all-in-one', 'jaegertracing/jaeger'],
    ports: [16686, 4317, 4318], dataPaths: [], readiness: { kind: 'http', path: '/', port: 16686 }, migration: 'none', operator: 'Jaeger Operator', resources: MEDIUM,
  },
  {
    id: 'otel-collector', name: 'OpenTelemetry Collector', role: 'observability', images: ['otel/opentelemetry-collector', 'otel/opentelemetry-collector-contrib', 'otel/opentelemetry-collector-k8s'],
    ports: [4317, 4318, 13133], dataPaths: [], readiness: { kind: 'http', path: '/', port: 13133 }, migration: 'none', operator: 'OpenTelemetry Operator', resources: MEDIUM, writablePaths: [],
  },
  {
    id: 'kibana', name: 'Kibana', role: 'observability', images: ['kibana', 'kibana/kibana', 'bitnami/kibana'],
    ports: [5601], dataPaths: [], uid: 1000, fsGroup: 1000, readiness: { kind: 'http', path: '/api/status', port: 5601 }, migration: 'none', operator: 'Elastic Cloud on Kubernetes (ECK)', resources: LARGE,
  },
  {
    id: 'logstash', name: 'Logstash', role: 'observability', images: ['logstash', 'logstash/logstash', 'bitnami/logstash'],
    ports: [5044, 9600], dataPaths: ['/usr/share/logstash/data'], uid: 1000, fsGroup: 1000, readiness: { kind: 'http', path: '/', port: 9600 }, migration: 'none', resources: JVM,
  },
  {
    id: 'beats', name: 'Elastic Beats', role: 'observability', images: ['beats/filebeat', 'beats/metricbeat', 'beats/heartbeat', 'filebeat', 'metricbeat'],
    ports: [], dataPaths: [], migration: 'none', resources: SMALL, notes: 'Beats run once per node in Kubernetes: a DaemonSet.',
  },
  // Identity and policy
  {
    id: 'keycloak', name: 'Keycloak', role: 'identity', images: ['keycloak/keycloak', 'quay.io/keycloak/keycloak', 'jboss/keycloak', 'bitnami/keycloak'],
    ports: [8080, 9000], dataPaths: [], uid: 1000, readiness: { kind: 'http', path: '/health/ready', port: 9000 }, migration: 'none', operator: 'Keycloak Operator', resources: JVM,
    secretEnv: ['KEYCLOAK_ADMIN_PASSWORD', 'KC_BOOTSTRAP_ADMIN_PASSWORD', 'KC_DB_PASSWORD'],
  },
  {
    id: 'vault', name: 'HashiCorp Vault', role: 'identity', images: ['hashicorp/vault', 'vault'],
    ports: [8200], dataPaths: ['/vault/file', '/vault/data'], uid: 100, fsGroup: 1000, readiness: { kind: 'http', path: '/v1/sys/health?standbyok=true', port: 8200 },
    migration: 'volume', operator: 'Vault Secrets Operator', resources: MEDIUM, volumeSize: '5Gi', secretEnv: ['VAULT_DEV_ROOT_TOKEN_ID'],
  },
  {
    id: 'opa', name: 'Open Policy Agent', role: 'identity', images: ['openpolicyagent/opa'],
    ports: [8181], dataPaths: [], readiness: { kind: 'http', path: '/health', port: 8181 }, migration: 'none', operator: 'OPA Gatekeeper (for cluster policy)', resources: SMALL, writablePaths: [],
  },
  // Applications often run as-is
  {
    id: 'temporal', name: 'Temporal', role: 'api', images: ['temporalio/server', 'temporalio/auto-setup'],
    ports: [7233], dataPaths: [], readiness: { kind: 'tcp', port: 7233 }, migration: 'none', operator: 'Temporal Helm chart', resources: LARGE,
  },
  {
    id: 'temporal-ui', name: 'Temporal Web UI', role: 'web', images: ['temporalio/ui'], ports: [8080], dataPaths: [], readiness: { kind: 'tcp', port: 8080 }, migration: 'none', resources: SMALL,
  },
  {
    id: 'airflow', name: 'Apache Airflow', role: 'worker', images: ['apache/airflow'], ports: [8080], dataPaths: [], uid: 50000, migration: 'none', operator: 'Apache Airflow Helm chart', resources: LARGE,
  },
  {
    id: 'n8n', name: 'n8n', role: 'web', images: ['n8nio/n8n', 'docker.n8n.io/n8nio/n8n'], ports: [5678], dataPaths: ['/home/node/.n8n'], uid: 1000, fsGroup: 1000,
    readiness: { kind: 'http', path: '/healthz', port: 5678 }, migration: 'volume', resources: MEDIUM, volumeSize: '5Gi', secretEnv: ['N8N_ENCRYPTION_KEY'],
  },
  {
    id: 'ghost', name: 'Ghost', role: 'web', images: ['ghost'], ports: [2368], dataPaths: ['/var/lib/ghost/content'], uid: 1000, fsGroup: 1000,
    readiness: { kind: 'tcp', port: 2368 }, migration: 'volume', resources: MEDIUM, volumeSize: '10Gi',
  },
  {
    id: 'wordpress', name: 'WordPress', role: 'web', images: ['wordpress', 'bitnami/wordpress'], ports: [80], dataPaths: ['/var/www/html'], uid: 33, fsGroup: 33,
    readiness: { kind: 'http', path: '/wp-login.php', port: 80 }, migration: 'volume', resources: MEDIUM, volumeSize: '10Gi', needsRoot: true,
  },
  {
    id: 'nextcloud', name: 'Nextcloud', role: 'web', images: ['nextcloud', 'linuxserver/nextcloud'], ports: [80], dataPaths: ['/var/www/html'], uid: 33, fsGroup: 33,
    readiness: { kind: 'tcp', port: 80 }, migration: 'volume', resources: LARGE, volumeSize: '50Gi', needsRoot: true,
  },
  {
    id: 'mattermost', name: 'Mattermost', role: 'web', images: ['mattermost/mattermost-enterprise-edition', 'mattermost/mattermost-team-edition'],
    ports: [8065], dataPaths: ['/mattermost/data'], uid: 2000, fsGroup: 2000, readiness: { kind: 'http', path: '/api/v4/system/ping', port: 8065 }, migration: 'volume',
    operator: 'Mattermost Operator', resources: LARGE, volumeSize: '20Gi',
  },
  {
    id: 'penpot', name: 'Penpot', role: 'web', images: ['penpotapp/frontend', 'penpotapp/backend', 'penpotapp/exporter'], ports: [8080], dataPaths: ['/opt/data/assets'],
    migration: 'volume', resources: LARGE, volumeSize: '10Gi',
  },
  {
    id: 'plausible', name: 'Plausible Analytics', role: 'web', images: ['plausible/analytics', 'ghcr.io/plausible/community-edition'], ports: [8000], dataPaths: [],
    readiness: { kind: 'http', path: '/api/health', port: 8000 }, migration: 'none', resources: MEDIUM,
  },
  {
    id: 'netbox', name: 'NetBox', role: 'web', images: ['netboxcommunity/netbox'], ports: [8080], dataPaths: ['/opt/netbox/netbox/media'], migration: 'volume', resources: LARGE, volumeSize: '5Gi',
  },
  {
    id: 'pihole', name: 'Pi-hole', role: 'proxy', images: ['pihole/pihole'], ports: [53, 80], dataPaths: ['/etc/pihole', '/etc/dnsmasq.d'], migration: 'volume', resources: SMALL, volumeSize: '1Gi', needsRoot: true,
  },
  {
    id: 'wireguard', name: 'WireGuard', role: 'proxy', images: ['linuxserver/wireguard', 'weejewel/wg-easy', 'ghcr.io/wg-easy/wg-easy'], ports: [51820], dataPaths: ['/config'],
    migration: 'volume', resources: SMALL, volumeSize: '1Gi', needsRoot: true, notes: 'Needs NET_ADMIN and kernel modules: run it on a node that allows it, or keep it outside the cluster.',
  },
  {
    id: 'portainer', name: 'Portainer', role: 'web', images: ['portainer/portainer-ce', 'portainer/portainer-ee', 'portainer/portainer'], ports: [9443, 9000], dataPaths: ['/data'],
    migration: 'volume', resources: SMALL, volumeSize: '1Gi', notes: 'Portainer manages a Docker engine through its socket; in Kubernetes use its Kubernetes agent instead.',
  },
  {
    id: 'adminer', name: 'Adminer', role: 'web', images: ['adminer'], ports: [8080], dataPaths: [], readiness: { kind: 'tcp', port: 8080 }, migration: 'none', resources: SMALL,
  },
  {
    id: 'pgadmin', name: 'pgAdmin', role: 'web', images: ['dpage/pgadmin4'], ports: [80], dataPaths: ['/var/lib/pgadmin'], uid: 5050, fsGroup: 5050, migration: 'volume', resources: MEDIUM, volumeSize: '1Gi',
    secretEnv: ['PGADMIN_DEFAULT_PASSWORD'],
  },
  {
    id: 'mailhog', name: 'Mail catcher', role: 'web', images: ['mailhog/mailhog', 'axllent/mailpit', 'inbucket/inbucket'], ports: [8025, 1025], dataPaths: [], migration: 'none', resources: SMALL,
  },
  // Tools that run once
  {
    id: 'minio-client', name: 'MinIO Client', role: 'job', images: ['minio/mc', 'bitnami/minio-client'], ports: [], dataPaths: [], migration: 'none', resources: SMALL,
  },
  {
    id: 'shell', name: 'Shell utility image', role: 'job', images: ['busybox', 'alpine', 'curlimages/curl', 'bash', 'debian', 'ubuntu'], ports: [], dataPaths: [], migration: 'none', resources: SMALL,
  },
];
