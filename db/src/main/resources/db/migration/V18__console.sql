-- Consoles (issue 7): the browser console's one-time tokens and sessions, the console-only
-- permission, view-only shares, native-client leases and each tenant's console settings.

-- Per tenant: what the native client link carries, whether consoles are recorded and for how long.
CREATE TABLE tenant_console_settings (
    tenant_id                BIGINT       NOT NULL PRIMARY KEY,
    usb_control              VARCHAR(64)  NOT NULL DEFAULT '00',
    usb_read_write           BOOLEAN      NOT NULL DEFAULT FALSE,
    smartcard                BOOLEAN      NOT NULL DEFAULT FALSE,
    user_control             BOOLEAN      NOT NULL DEFAULT TRUE,
    keyboard_layout          VARCHAR(32)  NOT NULL DEFAULT 'en-us-qwerty',
    recording                BOOLEAN      NOT NULL DEFAULT FALSE,
    recording_retention_days INT          NOT NULL DEFAULT 30,
    updated_at               TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_by               BIGINT       NULL,
    CONSTRAINT fk_console_settings_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A one-time token for the console tunnel: only its SHA-256 is kept. Bound to the user, the VM and
-- the HTTP session that asked for it; used at most once, within seconds.
CREATE TABLE console_token (
    token_hash   BINARY(32)   NOT NULL PRIMARY KEY,
    user_id      BIGINT       NOT NULL,
    vm_id        VARCHAR(64)  NOT NULL,
    session_hash BINARY(32)   NOT NULL,
    view_only    BOOLEAN      NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    expires_at   TIMESTAMP(3) NOT NULL,
    used_at      TIMESTAMP(3) NULL,
    KEY ix_console_token_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A console open in a browser (closed_at NULL) or once open. Another node or a person asks for
-- one to end by setting end_requested; the node holding the tunnel closes it within seconds. The
-- node refreshes seen_at while the tunnel is open; an open row not seen for a minute lost its node.
CREATE TABLE console_session (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    vm_id            VARCHAR(64)  NOT NULL,
    vm_name          VARCHAR(100) NOT NULL,
    tenant_id        BIGINT       NOT NULL,
    user_id          BIGINT       NOT NULL,
    username         VARCHAR(64)  NOT NULL,
    view_only        BOOLEAN      NOT NULL,
    node             VARCHAR(100) NOT NULL,
    client_address   VARCHAR(64)  NULL,
    opened_at        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    seen_at          TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    closed_at        TIMESTAMP(3) NULL,
    close_reason     VARCHAR(32)  NULL,
    end_requested    VARCHAR(32)  NULL,
    end_requested_by BIGINT       NULL,
    recording_path   VARCHAR(500) NULL,
    recording_bytes  BIGINT       NULL,
    recording_until  TIMESTAMP(3) NULL,
    recording_purged_at TIMESTAMP(3) NULL,
    KEY ix_console_session_vm (vm_id, closed_at),
    KEY ix_console_session_user (user_id, closed_at),
    KEY ix_console_session_open (closed_at, node),
    KEY ix_console_session_recording (recording_until)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The console-only permission: a tenant admin lets a person open a VM's console (keyboard and
-- mouse included) without the right to change the VM.
CREATE TABLE console_grant (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    vm_id      VARCHAR(64)  NOT NULL,
    user_id    BIGINT       NOT NULL,
    granted_by BIGINT       NOT NULL,
    granted_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    revoked_at TIMESTAMP(3) NULL,
    revoked_by BIGINT       NULL,
    KEY ix_console_grant_vm_user (vm_id, user_id, revoked_at),
    KEY ix_console_grant_user (user_id, revoked_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A view-only share: the owner lets a teammate watch the console until expires_at or revocation.
CREATE TABLE console_share (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    vm_id      VARCHAR(64)  NOT NULL,
    owner_id   BIGINT       NOT NULL,
    user_id    BIGINT       NOT NULL,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    expires_at TIMESTAMP(3) NOT NULL,
    revoked_at TIMESTAMP(3) NULL,
    revoked_by BIGINT       NULL,
    KEY ix_console_share_vm_user (vm_id, user_id, revoked_at),
    KEY ix_console_share_user (user_id, expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The lease behind a native-client link: the client calls its renewal URL to keep the session;
-- only the SHA-256 of the URL's token is kept.
CREATE TABLE console_link_lease (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    token_hash      BINARY(32)   NOT NULL,
    vm_id           VARCHAR(64)  NOT NULL,
    tenant_id       BIGINT       NOT NULL,
    user_id         BIGINT       NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    issued_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    expires_at      TIMESTAMP(3) NOT NULL,
    last_renewed_at TIMESTAMP(3) NULL,
    renewals        INT          NOT NULL DEFAULT 0,
    revoked_at      TIMESTAMP(3) NULL,
    revoked_by      BIGINT       NULL,
    CONSTRAINT uk_console_link_lease_token UNIQUE (token_hash),
    KEY ix_console_link_lease_vm (vm_id, revoked_at),
    KEY ix_console_link_lease_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
