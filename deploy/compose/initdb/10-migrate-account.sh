#!/bin/bash
# Run once by the official MariaDB image when its data volume is new: the schema and the
# migration account (deploy/mariadb/migrate-account.sql), with the password from the environment.
# The runtime account's grants need the migrated tables: the `grants` service gives them.
set -euo pipefail
sed -e "s/@MIGRATE_PASSWORD@/${VSIP4X_MIGRATE_PASSWORD:?}/" /vsip4x/migrate-account.sql \
    | MYSQL_PWD="${MARIADB_ROOT_PASSWORD:?}" mariadb -u root
