-- Event ids are compared exactly: the platform's ids are opaque, so "replay-1" and "REPLAY-1 "
-- are two events, not one (the table's default collation ignored case and trailing spaces).
ALTER TABLE callback_event
    MODIFY event_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
