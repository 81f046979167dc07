-- Governance: accounts, clearances, quotas on every resource, request kinds, approval chains,
-- deputies, comments, notifications and leases.

-- Accounts: clearance (密级), locks, forced password change, the last passwords.
ALTER TABLE app_user
    ADD COLUMN clearance            INT          NOT NULL DEFAULT 0,
    ADD COLUMN email                VARCHAR(254) NULL,
    ADD COLUMN locked               BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN failed_attempts      INT          NOT NULL DEFAULT 0,
    ADD COLUMN locked_until         TIMESTAMP(3) NULL,
    ADD COLUMN must_change_password BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN password_changed_at  TIMESTAMP(3) NULL,
    ADD COLUMN version              INT          NOT NULL DEFAULT 0;

CREATE TABLE password_history (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id       BIGINT       NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_password_history_user FOREIGN KEY (user_id) REFERENCES app_user (id),
    INDEX ix_password_history_user (user_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Tenants: the rest of the quota, the size cap of one VM, the classification ceiling and the
-- longest lease. NULL caps mean the spec's own limits.
ALTER TABLE tenant
    ADD COLUMN quota_data_disk_gb     BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN quota_snapshots        INT    NOT NULL DEFAULT 0,
    ADD COLUMN quota_backups          INT    NOT NULL DEFAULT 0,
    ADD COLUMN vm_max_cpu             INT    NULL,
    ADD COLUMN vm_max_memory_mb       BIGINT NULL,
    ADD COLUMN vm_max_disk_gb         BIGINT NULL,
    ADD COLUMN classification_ceiling INT    NOT NULL DEFAULT 0,
    ADD COLUMN lease_max_days         INT    NULL,
    ADD COLUMN version                INT    NOT NULL DEFAULT 0;

-- Personal caps inside a tenant; NULL means no cap of its own on that resource.
CREATE TABLE user_quota (
    user_id      BIGINT NOT NULL PRIMARY KEY,
    cpu          INT    NULL,
    memory_mb    BIGINT NULL,
    disk_gb      BIGINT NULL,
    data_disk_gb BIGINT NULL,
    vms          INT    NULL,
    snapshots    INT    NULL,
    backups      INT    NULL,
    CONSTRAINT fk_user_quota_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- VMs: the level the platform reports (from their template) and the lease.
ALTER TABLE vm
    ADD COLUMN classification   INT          NOT NULL DEFAULT 0,
    ADD COLUMN lease_expires_at TIMESTAMP(3) NULL,
    ADD COLUMN lease_warned_at  TIMESTAMP(3) NULL,
    ADD COLUMN lease_expired_at TIMESTAMP(3) NULL,
    ADD INDEX ix_vm_lease (lease_expires_at);

-- Data disks the portal knows. A PENDING row reserves data-disk quota for approved work.
CREATE TABLE data_disk (
    disk_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    tenant_id  BIGINT       NOT NULL,
    owner_id   BIGINT       NOT NULL,
    vm_id      VARCHAR(64)  NULL,
    request_id BIGINT       NULL,
    repo_id    VARCHAR(64)  NULL,
    size_gb    BIGINT       NOT NULL,
    lifecycle  VARCHAR(16)  NOT NULL,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_data_disk_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT fk_data_disk_owner FOREIGN KEY (owner_id) REFERENCES app_user (id),
    INDEX ix_data_disk_tenant (tenant_id, lifecycle),
    INDEX ix_data_disk_vm (vm_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Quota held for approved work that changes what exists (a resize, a larger disk) until the
-- platform has done it or refused.
CREATE TABLE quota_reservation (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id    BIGINT       NOT NULL,
    user_id      BIGINT       NOT NULL,
    request_id   BIGINT       NULL,
    cpu          INT          NOT NULL DEFAULT 0,
    memory_mb    BIGINT       NOT NULL DEFAULT 0,
    disk_gb      BIGINT       NOT NULL DEFAULT 0,
    data_disk_gb BIGINT       NOT NULL DEFAULT 0,
    vms          INT          NOT NULL DEFAULT 0,
    snapshots    INT          NOT NULL DEFAULT 0,
    backups      INT          NOT NULL DEFAULT 0,
    created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_quota_reservation_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    INDEX ix_quota_reservation_tenant (tenant_id),
    INDEX ix_quota_reservation_request (request_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Requests of every kind. CREATE keeps the template, pool, shape, count and network; RESIZE
-- names its VM and the new shape; DATA_DISK its VM, the disk to extend (or none for a new one)
-- and the size; RENEWAL its VM and the new expiry; QUOTA the limits asked for, as JSON.
ALTER TABLE vm_request
    MODIFY COLUMN template_id VARCHAR(64)  NULL,
    MODIFY COLUMN repo_id     VARCHAR(64)  NULL,
    MODIFY COLUMN pool_name   VARCHAR(100) NULL,
    MODIFY COLUMN network     VARCHAR(64)  NULL,
    ADD COLUMN kind           VARCHAR(16)  NOT NULL DEFAULT 'CREATE' AFTER tenant_id,
    ADD COLUMN vm_id          VARCHAR(64)  NULL,
    ADD COLUMN lease_days     INT          NULL,
    ADD COLUMN lease_until    TIMESTAMP(3) NULL,
    ADD COLUMN data_disk_id   VARCHAR(64)  NULL,
    ADD COLUMN data_disk_gb   BIGINT       NULL,
    ADD COLUMN quota_limits   TEXT         NULL,
    ADD COLUMN classification INT          NOT NULL DEFAULT 0,
    ADD COLUMN current_level  INT          NOT NULL DEFAULT 1,
    ADD COLUMN level_since    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    ADD INDEX ix_vm_request_state_level (state, current_level),
    ADD INDEX ix_vm_request_vm (vm_id);

-- Decisions carry the level they decided and, for a deputy, whom they stood in for.
ALTER TABLE request_decision
    ADD COLUMN level_no     INT    NULL,
    ADD COLUMN on_behalf_of BIGINT NULL;

CREATE TABLE request_comment (
    id         BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    request_id BIGINT        NOT NULL,
    author_id  BIGINT        NOT NULL,
    body       VARCHAR(1000) NOT NULL,
    created_at TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_request_comment_request FOREIGN KEY (request_id) REFERENCES vm_request (id),
    CONSTRAINT fk_request_comment_author FOREIGN KEY (author_id) REFERENCES app_user (id),
    INDEX ix_request_comment_request (request_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A tenant's approval chain: levels in order; who decides each (a role, within the tenant
-- or platform-wide), whether one or all of them must, and what a level decides by itself
-- after a while.
CREATE TABLE approval_level (
    tenant_id       BIGINT      NOT NULL,
    level_no        INT         NOT NULL,
    approver_role   VARCHAR(32) NOT NULL,
    mode            VARCHAR(8)  NOT NULL DEFAULT 'ANY',
    timeout_minutes INT         NULL,
    timeout_action  VARCHAR(8)  NULL,
    PRIMARY KEY (tenant_id, level_no),
    CONSTRAINT fk_approval_level_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Requests that are approved without anybody, below every threshold a rule names (NULL: no
-- limit on that field).
CREATE TABLE auto_approval_rule (
    id            BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id     BIGINT      NOT NULL,
    request_kind  VARCHAR(16) NOT NULL,
    max_cpu       INT         NULL,
    max_memory_mb BIGINT      NULL,
    max_disk_gb   BIGINT      NULL,
    max_count     INT         NULL,
    max_lease_days INT        NULL,
    max_data_disk_gb BIGINT   NULL,
    CONSTRAINT fk_auto_approval_rule_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    INDEX ix_auto_approval_rule_tenant (tenant_id, request_kind)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An approver's stand-in for a period.
CREATE TABLE approval_deputy (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    principal_id BIGINT       NOT NULL,
    deputy_id    BIGINT       NOT NULL,
    starts_at    TIMESTAMP(3) NOT NULL,
    ends_at      TIMESTAMP(3) NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_approval_deputy_principal FOREIGN KEY (principal_id) REFERENCES app_user (id),
    CONSTRAINT fk_approval_deputy_deputy FOREIGN KEY (deputy_id) REFERENCES app_user (id),
    INDEX ix_approval_deputy_deputy (deputy_id, ends_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The in-portal inbox. The text is a message key with arguments (JSON array of strings), so
-- each person reads it in their language.
CREATE TABLE notification (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id     BIGINT        NOT NULL,
    message_key VARCHAR(100)  NOT NULL,
    args        VARCHAR(2000) NULL,
    link        VARCHAR(300)  NULL,
    created_at  TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    read_at     TIMESTAMP(3)  NULL,
    CONSTRAINT fk_notification_user FOREIGN KEY (user_id) REFERENCES app_user (id),
    INDEX ix_notification_user (user_id, read_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
