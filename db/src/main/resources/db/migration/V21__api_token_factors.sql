-- Issue 8 fixes: how the page session that made an API token signed in, so that a token made with
-- a password alone stops working once its account needs a UKEY, and a token made with a UKEY stops
-- working once that key's binding is revoked. Tokens made before this migration count as made with
-- a password alone.
ALTER TABLE api_token
    ADD COLUMN signed_in_with  VARCHAR(8) NOT NULL DEFAULT 'PASSWORD' AFTER revoked_by,
    ADD COLUMN ukey_binding_id BIGINT     NULL AFTER signed_in_with,
    ADD CONSTRAINT fk_api_token_ukey_binding FOREIGN KEY (ukey_binding_id) REFERENCES ukey_binding (id);

-- Only the exact challenge spends a challenge: a binary collation folds no case, and its NO PAD
-- kind ignores no trailing spaces (MariaDB's utf8mb4_bin still pads).
ALTER TABLE ukey_challenge
    MODIFY challenge VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
