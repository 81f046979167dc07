/** What a VM keeps besides its disks and devices: snapshots, backups, data disks, CD-ROMs and templates. */
package io.vsip4x.portal.storage;
