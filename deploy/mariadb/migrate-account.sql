-- The schema and the migration account alone, for an empty database (issue 11): the first
-- migrations need vsip4x_migrate before accounts.sql can grant on the tables they create.
-- Run as root with the same substitution as accounts.sql (see there):
--
--   sed -e "s/@MIGRATE_PASSWORD@/$MIGRATE_PASSWORD/" migrate-account.sql | mariadb -u root
--
-- Then run the migrations (vsip4x-migrate.service, deploy/runbook.md) and accounts.sql.

CREATE DATABASE IF NOT EXISTS vsip4x CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE USER IF NOT EXISTS 'vsip4x_migrate'@'%' IDENTIFIED BY '@MIGRATE_PASSWORD@';
ALTER USER 'vsip4x_migrate'@'%' IDENTIFIED BY '@MIGRATE_PASSWORD@';
GRANT ALL PRIVILEGES ON vsip4x.* TO 'vsip4x_migrate'@'%';
