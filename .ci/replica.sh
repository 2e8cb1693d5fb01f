#!/usr/bin/env bash
# Starts a streaming replica of the machine's PostgreSQL (127.0.0.1:5432) on 127.0.0.1:5433,
# for the read-replica tests. Idempotent: a replica already answering on 5433 is left alone.
# The replica is a plain base backup (pg_basebackup -R) run by the postgres user from
# $REPLICA_DIR; it keeps nothing the tests need between runs.
set -euo pipefail
PRIMARY_PORT=${PRIMARY_PORT:-5432}
REPLICA_PORT=${REPLICA_PORT:-5433}
REPLICA_DIR=${REPLICA_DIR:-/var/lib/postgresql/edugov-replica}
BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

if pg_isready -h 127.0.0.1 -p "$REPLICA_PORT" -q; then
  echo "replica: already running on $REPLICA_PORT"
  exit 0
fi

# The primary must accept replication connections from this machine (pg_hba's "all" does not
# cover the replication pseudo-database).
HBA=$(psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -Atc 'show hba_file')
if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$HBA"; then
  echo 'host replication all 127.0.0.1/32 trust' >> "$HBA"
  psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -Atqc 'select pg_reload_conf()' >/dev/null
fi

rm -rf "$REPLICA_DIR"
mkdir -p "$REPLICA_DIR"
chown postgres:postgres "$REPLICA_DIR"
chmod 700 "$REPLICA_DIR"
# -R writes standby.signal and primary_conninfo; -X stream copies the WAL needed to start.
su postgres -s /bin/sh -c "$BIN/pg_basebackup -h 127.0.0.1 -p $PRIMARY_PORT -U postgres -D $REPLICA_DIR -R -X stream -c fast"
# Debian keeps the configuration outside the data folder, so the backup has none: give the
# replica its own, minimal one.
su postgres -s /bin/sh -c "cat > $REPLICA_DIR/postgresql.conf <<CONF
listen_addresses = '127.0.0.1'
port = $REPLICA_PORT
unix_socket_directories = '/tmp'
hot_standby = on
hot_standby_feedback = on
max_connections = 200
shared_buffers = 64MB
CONF
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' > $REPLICA_DIR/pg_hba.conf
touch $REPLICA_DIR/pg_ident.conf"
su postgres -s /bin/sh -c "$BIN/pg_ctl -D $REPLICA_DIR -l $REPLICA_DIR/server.log -w -t 60 start" >/dev/null
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p "$REPLICA_PORT" -q && break; sleep 1; done
echo "replica: streaming from $PRIMARY_PORT on $REPLICA_PORT ($(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -Atc 'select pg_is_in_recovery()'))"
