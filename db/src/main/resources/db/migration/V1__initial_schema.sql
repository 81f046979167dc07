-- Tenants (departments), people and what each tenant may use on the platform.

CREATE TABLE tenant (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code            VARCHAR(32)  NOT NULL,
    name            VARCHAR(100) NOT NULL,
    quota_cpu       INT          NOT NULL,
    quota_memory_mb BIGINT       NOT NULL,
    quota_disk_gb   BIGINT       NOT NULL,
    quota_vms       INT          NOT NULL,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT uk_tenant_code UNIQUE (code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Platform resources (templates, pools, networks) open to a tenant.
CREATE TABLE tenant_resource (
    tenant_id   BIGINT      NOT NULL,
    kind        VARCHAR(16) NOT NULL,
    resource_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (tenant_id, kind, resource_id),
    CONSTRAINT fk_tenant_resource_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE app_user (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    display_name  VARCHAR(100) NOT NULL,
    tenant_id     BIGINT       NULL,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT uk_app_user_username UNIQUE (username),
    CONSTRAINT fk_app_user_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE user_role (
    user_id BIGINT      NOT NULL,
    role    VARCHAR(32) NOT NULL,
    PRIMARY KEY (user_id, role),
    CONSTRAINT fk_user_role_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Requests for new VMs and the decisions taken on them.

CREATE TABLE vm_request (
    id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    tenant_id    BIGINT       NOT NULL,
    requester_id BIGINT       NOT NULL,
    template_id  VARCHAR(64)  NOT NULL,
    repo_id      VARCHAR(64)  NOT NULL,
    pool_name    VARCHAR(100) NOT NULL,
    cpu          INT          NOT NULL,
    memory_mb    BIGINT       NOT NULL,
    disk_gb      BIGINT       NOT NULL,
    vm_count     INT          NOT NULL,
    network      VARCHAR(64)  NOT NULL,
    reason       VARCHAR(500) NOT NULL,
    power_on     BOOLEAN      NOT NULL DEFAULT TRUE,
    state        VARCHAR(16)  NOT NULL,
    failure_code VARCHAR(16)  NULL,
    failure_info VARCHAR(500) NULL,
    created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    version      INT          NOT NULL DEFAULT 0,
    CONSTRAINT fk_vm_request_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT fk_vm_request_requester FOREIGN KEY (requester_id) REFERENCES app_user (id),
    INDEX ix_vm_request_tenant_state (tenant_id, state),
    INDEX ix_vm_request_requester (requester_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE request_decision (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    request_id BIGINT       NOT NULL,
    kind       VARCHAR(16)  NOT NULL,
    code       VARCHAR(16)  NULL,
    actor_id   BIGINT       NULL,
    comment    VARCHAR(500) NULL,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_request_decision_request FOREIGN KEY (request_id) REFERENCES vm_request (id),
    INDEX ix_request_decision_request (request_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- VMs the portal knows. A PENDING row reserves quota for approved work not yet created.

CREATE TABLE vm (
    vm_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    tenant_id   BIGINT       NOT NULL,
    owner_id    BIGINT       NOT NULL,
    request_id  BIGINT       NULL,
    template_id VARCHAR(64)  NOT NULL,
    repo_id     VARCHAR(64)  NOT NULL,
    cpu         INT          NOT NULL,
    memory_mb   BIGINT       NOT NULL,
    disk_gb     BIGINT       NOT NULL,
    network     VARCHAR(64)  NULL,
    lifecycle   VARCHAR(16)  NOT NULL,
    status      INT          NULL,
    host_id     VARCHAR(64)  NULL,
    status_seq  BIGINT       NOT NULL DEFAULT 0,
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_vm_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT fk_vm_owner FOREIGN KEY (owner_id) REFERENCES app_user (id),
    CONSTRAINT fk_vm_request FOREIGN KEY (request_id) REFERENCES vm_request (id),
    INDEX ix_vm_tenant_lifecycle (tenant_id, lifecycle),
    INDEX ix_vm_owner (owner_id),
    INDEX ix_vm_request (request_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The outbox: every change asked of the platform, written with the user's action.

CREATE TABLE operation (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    kind            VARCHAR(32)  NOT NULL,
    vm_id           VARCHAR(64)  NULL,
    request_id      BIGINT       NULL,
    actor_id        BIGINT       NULL,
    state           VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    result_code     VARCHAR(16)  NULL,
    result_info     VARCHAR(500) NULL,
    last_error      VARCHAR(300) NULL,
    payload         TEXT         NULL,
    created_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    sent_at         TIMESTAMP(3) NULL,
    completed_at    TIMESTAMP(3) NULL,
    INDEX ix_operation_state_due (state, next_attempt_at),
    INDEX ix_operation_vm (vm_id, state),
    INDEX ix_operation_request (request_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Platform callbacks already applied, so that a repeated one is ignored.
CREATE TABLE callback_event (
    event_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    vm_id       VARCHAR(64)  NOT NULL,
    operation   VARCHAR(32)  NOT NULL,
    result_code VARCHAR(16)  NOT NULL,
    status      INT          NULL,
    sequence    BIGINT       NOT NULL,
    received_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The operation log.
CREATE TABLE audit_event (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    occurred_at TIMESTAMP(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    actor       VARCHAR(64)   NOT NULL,
    tenant_code VARCHAR(32)   NULL,
    role        VARCHAR(64)   NULL,
    client_addr VARCHAR(64)   NULL,
    action      VARCHAR(64)   NOT NULL,
    target      VARCHAR(128)  NULL,
    params      VARCHAR(2000) NULL,
    result      VARCHAR(16)   NOT NULL,
    code        VARCHAR(16)   NULL,
    INDEX ix_audit_event_time (occurred_at),
    INDEX ix_audit_event_actor (actor, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
