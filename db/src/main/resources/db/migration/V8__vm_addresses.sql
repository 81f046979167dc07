-- The VM's IPv4 addresses as the platform last reported them (comma-separated, NIC order),
-- so that the inventory can be searched by address.
ALTER TABLE vm
    ADD COLUMN ip_addresses VARCHAR(255) NULL AFTER network;
