-- The time zone in which a person reads times on the pages (issue 6): an IANA zone id such as
-- Asia/Shanghai, or NULL for the portal's own zone (portal.time-zone).
ALTER TABLE app_user
    ADD COLUMN time_zone VARCHAR(64) NULL;
