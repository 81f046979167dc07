#!/usr/bin/env bash
# Restores a dump made by backup.sh into the portal's schema (issue 11). Every node must be
# stopped first: the schema is dropped and made again from the dump.
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: restore.sh [-c DEFAULTS_FILE] [-s SCHEMA] --yes DUMP.sql.gz

  -c DEFAULTS_FILE  a MariaDB option file with the [client] user and password of root (or an
                    account allowed to create the schema and set the triggers' definer)
                    (default /etc/vsip4x/root.cnf, mode 0600)
  -s SCHEMA         the schema the dump holds (default vsip4x)
  --yes             required: the schema's current content is replaced

Before: stop every node (systemctl stop 'vsip4x-portal@*'), and run migrate-account.sql if the
server is new (the dump's triggers and procedure name vsip4x_migrate as their definer).
After:
  1. run accounts.sql (the runtime account's grants, if the server is new);
  2. put back the audit signing key, the trusted keys, the audit archive folder, the checkpoint
     files and console recordings of the same backup (see backup.sh -h);
  3. systemctl start vsip4x-migrate (a dump of an older release is migrated forward), then the
     nodes;
  4. verify the audit chain: GET /api/v1/audit/verify as an auditor or security admin (or the
     audit log page's "verify the chain"). A chain restored to an earlier point is reported as
     CHAIN_TRUNCATED by the checkpoints signed after the backup: that is the restore itself, and
     the report is its record. Keep that verification's result, then move the checkpoint files
     aside (rename them, keep them with the incident notes) so later checks start afresh.
USAGE
}

defaults=/etc/vsip4x/root.cnf
schema=vsip4x
confirmed=no
dump=
while [[ $# -gt 0 ]]; do
    case "$1" in
        -c) defaults=${2:?-c needs a file}; shift 2 ;;
        -s) schema=${2:?-s needs a schema}; shift 2 ;;
        --yes) confirmed=yes; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; exit 2 ;;
        *) dump=$1; shift ;;
    esac
done
if [[ -z "$dump" || "$confirmed" != yes ]]; then
    usage >&2
    exit 2
fi
if [[ ! -r "$dump" ]]; then
    echo "restore.sh: cannot read $dump" >&2
    exit 2
fi
if [[ ! -r "$defaults" ]]; then
    echo "restore.sh: cannot read the option file $defaults (see -c)" >&2
    exit 2
fi
gzip -t "$dump"

if systemctl list-units --state=active --no-legend 'vsip4x-portal@*' 2>/dev/null | grep -q .; then
    echo "restore.sh: portal nodes are running on this host; stop them first" >&2
    exit 1
fi

# The dump (--databases) re-creates the schema's tables; dropping the schema first also removes
# tables a later release added, so nothing of the replaced state is left.
mariadb --defaults-extra-file="$defaults" -e "DROP DATABASE IF EXISTS \`$schema\`"
gunzip -c "$dump" | mariadb --defaults-extra-file="$defaults" --default-character-set=utf8mb4
echo "Restored $schema from $dump. Now: accounts.sql, keys and files, vsip4x-migrate, nodes, verify the chain."
