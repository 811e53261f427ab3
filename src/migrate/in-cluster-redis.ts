import { MigrateError } from './types.js';
import { parseUrl } from './url.js';
import { heredoc, SAY, verdictLines } from './job-script.js';
import { PRINT_LUA } from './engines/redis-print.js';

/** A Redis server as the Job reaches it; the password travels in the Secret. */
export interface RedisSide {
  readonly host: string;
  readonly port: number;
  /** The ACL user (Redis 6+), when not the default one. */
  readonly user: string;
  readonly password: string;
}

/** `redis://[user][:password]@host[:port][/db]`: the Job copies the whole server, every database. */
export function redisSide(url: string): RedisSide {
  const u = parseUrl(url);
  if (u.scheme !== 'redis')
    throw new MigrateError('an in-cluster Redis copy needs a redis:// URL (TLS is not supported here)');
  return { host: u.host, port: u.port ?? 6379, user: u.user ?? '', password: u.password ?? '' };
}

/** The Job's variables for both sides (the passwords come from the Secret as SOURCE_PASSWORD and TARGET_PASSWORD). */
export function redisEnv(source: RedisSide, target: RedisSide): { name: string; value: string }[] {
  const side = (prefix: string, s: RedisSide) => [
    { name: `${prefix}_HOST`, value: s.host },
    { name: `${prefix}_PORT`, value: String(s.port) },
    ...(s.user ? [{ name: `${prefix}_USER`, value: s.user }] : []),
  ];
  return [...side('SOURCE', source), ...side('TARGET', target)];
}

/**
 * One database's print, a SCAN step a call (ARGV: cursor, five running sums, keys so far, the
 * expiry cutoff in ms, whether PEXPIRETIME exists). Each key's hash covers its name, its absolute
 * expiry (Redis 7: identical on both sides after replication; else whether it expires) and its value
 * (the DUMP payload; a hash-table set or hash, whose payload order depends on the server's hashing
 * seed, as its sorted members); the hashes are added up, so the order SCAN gives does not matter.
 * Keys that expire before the cutoff are left out on both sides, and counted.
 */
const DB_PRINT = `${PRINT_LUA}
local r = redis.call('SCAN', ARGV[1], 'COUNT', 1000)
local sums = {}
for j = 1, 5 do sums[j] = tonumber(ARGV[1 + j]) end
local n, soon = tonumber(ARGV[7]), tonumber(ARGV[8])
local cutoff, exact = tonumber(ARGV[9]), ARGV[10] == '1'
for _, k in ipairs(r[2]) do
  local d = redis.call('DUMP', k)
  if d then
    local ttl = redis.call('PTTL', k)
    local at = -1
    if ttl >= 0 then
      if exact then at = redis.call('PEXPIRETIME', k) else at = 1 end
    end
    if ttl >= 0 and ((exact and at < cutoff) or (not exact and ttl < 60000)) then
      soon = soon + 1
    else
      local code = string.byte(d, 1)
      local v = d
      if code == 2 or code == 4 then v = canon_of(k, code) end
      local h = redis.sha1hex(#k .. ':' .. k .. '|' .. at .. '|' .. v)
      for j = 1, 5 do
        sums[j] = (sums[j] + tonumber(string.sub(h, 8 * j - 7, 8 * j), 16)) % 4294967296
      end
      n = n + 1
    end
  end
end
return {r[1], sums[1], sums[2], sums[3], sums[4], sums[5], n, soon}`;

/**
 * A Redis version as a number that orders releases (7.2.4 → 7002): a replica loads the snapshots of
 * its own release and older ones (7.2 writes RDB 11, which 7.0 cannot read), so major and minor count.
 * `major` for the features that came with a major (PEXPIRETIME in 7).
 */
export const VERSION_SH = [
  'release() { printf %s "$1" | awk -F. \'{ printf "%d%03d", $1, $2 }\'; }',
  'major() { printf %s "$1" | cut -d. -f1; }',
].join('\n');

/**
 * The Redis Job's script, run by the cluster with the service's own image (redis-cli): refuses one
 * server as both sides, a source newer than the target (a replica cannot load its snapshot) and a
 * target that holds keys (unless FORCE=1). The copy is Redis's own: the target replicates the
 * source (a full sync of every database, TTLs kept), then stops replicating; the source only makes
 * the snapshot it would make for any replica. Then every database is printed on both sides — every
 * key's name, expiry and value, hashed on each server — and compared. Passwords are in REDISCLI_AUTH
 * and given to CONFIG SET through stdin, never in an argument. The last line is the verdict; exit 0
 * only when everything matched, 2 on a difference, 3 when it refused before writing, 1 when the copy
 * failed. VERIFY_ONLY=1 compares without copying.
 */
export function redisJobScript(): string {
  return [
    'set -eu',
    SAY,
    // The password reaches redis-cli through REDISCLI_AUTH, never its arguments.
    'src() { if [ -n "${SOURCE_USER:-}" ]; then set -- --user "$SOURCE_USER" "$@"; fi',
    '  if [ -n "${SOURCE_PASSWORD:-}" ]; then REDISCLI_AUTH="$SOURCE_PASSWORD" redis-cli -h "$SOURCE_HOST" -p "$SOURCE_PORT" "$@"; else redis-cli -h "$SOURCE_HOST" -p "$SOURCE_PORT" "$@"; fi; }',
    'dst() { if [ -n "${TARGET_USER:-}" ]; then set -- --user "$TARGET_USER" "$@"; fi',
    '  if [ -n "${TARGET_PASSWORD:-}" ]; then REDISCLI_AUTH="$TARGET_PASSWORD" redis-cli -h "$TARGET_HOST" -p "$TARGET_PORT" "$@"; else redis-cli -h "$TARGET_HOST" -p "$TARGET_PORT" "$@"; fi; }',
    // redis-cli exits 0 on an error reply: an answer that is not the expected one stops the script.
    'field() { tr -d "\\r" | sed -n "s/^$1://p"; }',
    'W=$(mktemp -d)',
    'replicating=0',
    'cleanup() { if [ "$replicating" = 1 ]; then dst REPLICAOF NO ONE >/dev/null 2>&1 || true; dst CONFIG SET masterauth "" >/dev/null 2>&1 || true; dst CONFIG SET masteruser "" >/dev/null 2>&1 || true; fi; rm -rf "$W"; }',
    'trap cleanup EXIT',
    heredoc('"$W/print.lua"', DB_PRINT),
    'a=$(src INFO server | field run_id); b=$(dst INFO server | field run_id)',
    'if [ -z "$a" ] || [ -z "$b" ]; then say "FAILED: could not read both servers (INFO server): check the hosts, ports and passwords. Nothing was written."; exit 1; fi',
    'if [ "$a" = "$b" ]; then say "the source and the target are one server ($a): nothing was written"; exit 3; fi',
    'va=$(src INFO server | field redis_version); vb=$(dst INFO server | field redis_version)',
    VERSION_SH,
    'if [ "${VERIFY_ONLY:-0}" != 1 ]; then',
    '  if [ "$(release "$va")" -gt "$(release "$vb")" ]; then say "the source runs Redis $va, the target $vb: a replica cannot load a newer snapshot; use an image of at least $va for the target. Nothing was written."; exit 3; fi',
    '  n=$(dst INFO keyspace | tr -d "\\r" | grep -c "^db" || true)',
    '  if [ "$n" != 0 ]; then',
    '    if [ "${FORCE:-0}" = 1 ]; then say "FORCE=1: what the target holds ($n databases with keys) is replaced by the copy"',
    '    else say "the target already holds keys in $n databases: refusing to write into it (FORCE=1 replaces them). Nothing was written."; exit 3; fi',
    '  fi',
    '  say "copying every database of $SOURCE_HOST:$SOURCE_PORT into $TARGET_HOST:$TARGET_PORT: the target replicates the source, then stops"',
    '  replicating=1',
    '  if [ -n "${SOURCE_PASSWORD:-}" ]; then r=$(printf %s "$SOURCE_PASSWORD" | dst -x CONFIG SET masterauth); [ "$r" = OK ] || { say "FAILED: the target refused CONFIG SET masterauth ($r)"; exit 1; }; fi',
    '  if [ -n "${SOURCE_USER:-}" ]; then r=$(dst CONFIG SET masteruser "$SOURCE_USER"); [ "$r" = OK ] || { say "FAILED: the target refused CONFIG SET masteruser ($r)"; exit 1; }; fi',
    '  r=$(dst REPLICAOF "$SOURCE_HOST" "$SOURCE_PORT"); case "$r" in OK*) ;; *) say "FAILED: the target refused REPLICAOF ($r)"; exit 1;; esac',
    '  waited=0',
    '  while :; do',
    '    info=$(dst INFO replication)',
    '    link=$(printf %s "$info" | field master_link_status); syncing=$(printf %s "$info" | field master_sync_in_progress)',
    '    if [ "$link" = up ] && [ "$syncing" = 0 ]; then break; fi',
    '    waited=$((waited + 1))',
    '    if [ "$link" != up ] && [ "$syncing" = 0 ] && [ "$waited" -gt "${LINK_TIMEOUT:-60}" ]; then say "FAILED: the target could not replicate $SOURCE_HOST:$SOURCE_PORT for ${LINK_TIMEOUT:-60} s (can the target pod reach it? is the password right?). The target was set back to a primary."; exit 1; fi',
    '    if [ "$waited" -gt "${SYNC_TIMEOUT:-21600}" ]; then say "FAILED: the sync took more than ${SYNC_TIMEOUT:-21600} s"; exit 1; fi',
    '    sleep 1',
    '  done',
    '  r=$(dst REPLICAOF NO ONE); case "$r" in OK*) ;; *) say "FAILED: REPLICAOF NO ONE ($r)"; exit 1;; esac',
    '  dst CONFIG SET masterauth "" >/dev/null; dst CONFIG SET masteruser "" >/dev/null',
    '  replicating=0',
    '  say "copied: the target holds $(dst DBSIZE) keys in database 0 and stopped replicating"',
    'fi',
    // PEXPIRETIME (Redis 7) gives an expiry both servers hold alike; keys that expire within a minute are left out on both.
    'exact=0; if [ "$(major "$va")" -ge 7 ] && [ "$(major "$vb")" -ge 7 ]; then exact=1; fi',
    'now=$(src TIME | sed -n 1p); cutoff=$(( (now + 60) * 1000 ))',
    'sa=$(src SCRIPT LOAD "$(cat "$W/print.lua")"); sb=$(dst SCRIPT LOAD "$(cat "$W/print.lua")")',
    'case "$sa$sb" in *[!0-9a-f]*|"") say "FAILED: a server refused the verification script (scripts not allowed?): verify with stevedore migrate verify through port-forward"; exit 1;; esac',
    'dbs=$( (src INFO keyspace; dst INFO keyspace) | tr -d "\\r" | sed -n "s/^db\\([0-9]*\\):.*/\\1/p" | sort -un)',
    'fingerprint() {',
    '  side=$1; sha=$2',
    '  for db in $dbs; do',
    '    cursor=0; s="0 0 0 0 0 0 0"',
    '    while :; do',
    '      out=$($side -n "$db" EVALSHA "$sha" 0 "$cursor" $s "$cutoff" "$exact")',
    '      case "$out" in [0-9]*) ;; *) say "FAILED: database $db could not be printed ($out)" >&2; return 1;; esac',
    '      cursor=$(printf "%s\\n" "$out" | sed -n 1p); s=$(printf "%s\\n" "$out" | sed -n "2,8p" | tr "\\n" " ")',
    '      [ "$cursor" = 0 ] && break',
    '    done',
    '    set -- $s',
    '    printf "database %s\\t%s keys, print %s-%s-%s-%s-%s\\n" "$db" "$6" "$1" "$2" "$3" "$4" "$5"',
    '  done',
    '}',
    ...verdictLines('fingerprint src "$sa"', 'fingerprint dst "$sb"'),
  ].join('\n');
}
