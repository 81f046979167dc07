#!/usr/bin/env bash
# Dumps the portal's schema into a dated, compressed file (issue 11), consistently while the
# portal runs (one InnoDB snapshot: --single-transaction), with the audit triggers and the
# audit_purge procedure.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: backup.sh [-d DIR] [-c DEFAULTS_FILE] [-s SCHEMA] [-k DAYS]

  -d DIR            where the dump goes (default /var/backups/vsip4x)
  -c DEFAULTS_FILE  a MariaDB option file with the [client] user, password and host to dump
                    with (default /etc/vsip4x/backup.cnf, mode 0600); the migration account
                    vsip4x_migrate can dump everything, the procedure included
  -s SCHEMA         the schema (default vsip4x)
  -k DAYS           also delete this script's dumps in DIR older than DAYS days (default: keep all)

Writes DIR/vsip4x-YYYYMMDDTHHMMSSZ.sql.gz and prints its name.

The dump is not the whole backup. Copy these as well, from every node:
  - the audit signing key (PORTAL_AUDIT_SIGNINGKEYFILE, e.g. /etc/vsip4x/audit-signing-key.pem)
    and the earlier public keys of PORTAL_AUDIT_TRUSTEDKEYFILES: without them new checkpoints
    and archives cannot be signed by the same key, nor old ones verified;
  - the audit archive folder (PORTAL_AUDIT_ARCHIVEDIR, default the archiving node's
    /var/lib/vsip4x/PORT/audit-archive): archived events are no longer in the database;
  - each node's checkpoint file (/var/lib/vsip4x/PORT/audit-checkpoints.jsonl) and console
    recordings (/var/lib/vsip4x/PORT/console-recordings);
  - /etc/vsip4x/portal.env (secrets: keep the copy as private as the original).
USAGE
}

dir=/var/backups/vsip4x
defaults=/etc/vsip4x/backup.cnf
schema=vsip4x
keep_days=
while getopts 'd:c:s:k:h' opt; do
    case "$opt" in
        d) dir=$OPTARG ;;
        c) defaults=$OPTARG ;;
        s) schema=$OPTARG ;;
        k) keep_days=$OPTARG ;;
        h) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
if [[ $# -ne 0 ]]; then
    usage >&2
    exit 2
fi
if [[ ! -r "$defaults" ]]; then
    echo "backup.sh: cannot read the option file $defaults (see -c)" >&2
    exit 2
fi

umask 077
mkdir -p "$dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$dir/$schema-$stamp.sql.gz"
partial="$target.partial"
trap 'rm -f "$partial"' EXIT

# --single-transaction: one consistent snapshot without locking the portal out;
# --routines/--triggers: audit_purge and the append-only triggers; --hex-blob: binary columns
# byte for byte.
mariadb-dump --defaults-extra-file="$defaults" \
    --single-transaction --quick --routines --triggers --events --hex-blob \
    --default-character-set=utf8mb4 --databases "$schema" \
    | gzip -9 > "$partial"
mv "$partial" "$target"
trap - EXIT
echo "$target"

if [[ -n "$keep_days" ]]; then
    find "$dir" -maxdepth 1 -name "$schema-*.sql.gz" -mtime +"$keep_days" -delete
fi
