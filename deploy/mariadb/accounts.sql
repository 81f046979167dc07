-- The portal's two MariaDB accounts and their grants (issue 11).
--
--   vsip4x_migrate  owns the schema: Flyway runs every migration with it (spring.flyway.user and
--                   spring.flyway.password), and it is the DEFINER of the audit_purge procedure.
--   vsip4x_portal   the account the portal nodes run with (spring.datasource.username/password):
--                   SELECT, INSERT, UPDATE, DELETE on the portal's tables, but only SELECT and
--                   INSERT on the append-only audit tables (audit_event, audit_seal,
--                   audit_checkpoint, audit_archive), and EXECUTE on audit_purge, which alone
--                   removes archived events (see docs/audit.md).
--
-- How to run it: as root (or another account with GRANT OPTION), AFTER the schema's migrations,
-- because MariaDB grants on a table only once the table exists; run it again after every upgrade
-- (it is idempotent: it also resets both passwords to the given ones). On an empty database, run
-- migrate-account.sql first, then the migrations (deploy/runbook.md, "First start"), then this.
--
-- Placeholders, replaced before the file reaches the server:
--   @MIGRATE_PASSWORD@  the password of vsip4x_migrate
--   @PORTAL_PASSWORD@   the password of vsip4x_portal
-- Use passwords of letters and digits only (e.g. `openssl rand -hex 24`), so that sed and SQL
-- quoting leave them as they are:
--
--   sed -e "s/@MIGRATE_PASSWORD@/$MIGRATE_PASSWORD/" -e "s/@PORTAL_PASSWORD@/$PORTAL_PASSWORD/" \
--       accounts.sql | mariadb -u root
--
-- The schema is `vsip4x`; a site using another name replaces `vsip4x.` throughout. The hosts are
-- '%' (any address): narrow them to the portal nodes' addresses where the network allows.
-- Every statement ends with ';' at the end of its line and none spans a DELIMITER, so a plain
-- statement splitter (a JDBC harness, the portal's DatabaseAccountsIntegrationTest) runs it too.
--
-- Every table the migrations create must be listed below: MariaDB has no schema-wide grant that
-- leaves out some tables. DatabaseAccountsIntegrationTest fails while a table is missing here.

CREATE DATABASE IF NOT EXISTS vsip4x CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE USER IF NOT EXISTS 'vsip4x_migrate'@'%' IDENTIFIED BY '@MIGRATE_PASSWORD@';
ALTER USER 'vsip4x_migrate'@'%' IDENTIFIED BY '@MIGRATE_PASSWORD@';
CREATE USER IF NOT EXISTS 'vsip4x_portal'@'%' IDENTIFIED BY '@PORTAL_PASSWORD@';
ALTER USER 'vsip4x_portal'@'%' IDENTIFIED BY '@PORTAL_PASSWORD@';

-- The migration account: everything on the schema (tables, indexes, triggers, procedures), no
-- GRANT OPTION and nothing outside it. With binary logging on, creating triggers and procedures
-- also needs log_bin_trust_function_creators = 1 (60-vsip4x.cnf sets it).
GRANT ALL PRIVILEGES ON vsip4x.* TO 'vsip4x_migrate'@'%';

-- The runtime account: no privilege on the schema as a whole, only on each table.
-- Flyway's history: read only (the portal never migrates with this account).
GRANT SELECT ON vsip4x.flyway_schema_history TO 'vsip4x_portal'@'%';

-- The append-only audit tables: read and add, never change or remove (V16's triggers refuse
-- it too; the grants keep out whoever holds this account's password).
GRANT SELECT, INSERT ON vsip4x.audit_event TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT ON vsip4x.audit_seal TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT ON vsip4x.audit_checkpoint TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT ON vsip4x.audit_archive TO 'vsip4x_portal'@'%';
-- Archived events leave only through this procedure (SQL SECURITY DEFINER: vsip4x_migrate).
GRANT EXECUTE ON PROCEDURE vsip4x.audit_purge TO 'vsip4x_portal'@'%';

-- The sealer's and forwarder's bookkeeping (V15).
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.audit_gap TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE ON vsip4x.audit_chain TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE ON vsip4x.audit_hourly TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE ON vsip4x.audit_forward TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE ON vsip4x.audit_verification TO 'vsip4x_portal'@'%';

-- Every other table, in the order of the migration that creates it.
-- V1
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.app_user TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.callback_event TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.operation TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.request_decision TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.tenant TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.tenant_resource TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.user_role TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.vm TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.vm_request TO 'vsip4x_portal'@'%';
-- V2
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.approval_deputy TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.approval_level TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.auto_approval_rule TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.data_disk TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.notification TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.password_history TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.quota_reservation TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.request_comment TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.user_quota TO 'vsip4x_portal'@'%';
-- V11, V12, V13
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.unowned_vm TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.live_event TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.vm_monitor_rollup TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.vm_monitor_sample TO 'vsip4x_portal'@'%';
-- V18
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.console_grant TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.console_link_lease TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.console_session TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.console_share TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.console_token TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.tenant_console_settings TO 'vsip4x_portal'@'%';
-- V19, V20, V22, V23
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.sign_in_policy TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.ukey_binding TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.ukey_challenge TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.api_token TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.tenant_vm_settings TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.vm_backup TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.vm_snapshot TO 'vsip4x_portal'@'%';
-- V25, V28, V29
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.vm_template TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.vm_cdrom_pending TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.vm_template_build TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.host_monitor_sample TO 'vsip4x_portal'@'%';
-- V32: ShedLock's locks of the cluster-wide jobs.
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.shedlock TO 'vsip4x_portal'@'%';
-- V33: Spring Session JDBC (the names are upper case, as Spring Session writes them).
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.SPRING_SESSION TO 'vsip4x_portal'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.SPRING_SESSION_ATTRIBUTES TO 'vsip4x_portal'@'%';
-- V34: the cluster's node registry.
GRANT SELECT, INSERT, UPDATE, DELETE ON vsip4x.portal_node TO 'vsip4x_portal'@'%';
