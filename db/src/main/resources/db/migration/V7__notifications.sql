-- Notifications by e-mail: the language each person last used in the portal, so that an
-- e-mail reads as their inbox does. NULL means the portal's default (Chinese).
ALTER TABLE app_user
    ADD COLUMN locale VARCHAR(16) NULL;
