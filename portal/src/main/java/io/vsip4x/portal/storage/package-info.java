/**
 * What a VM owner keeps and plugs into a VM beside its system disk: snapshots, backups, data
 * disks, CD-ROM drives with installation images, and templates made from VMs.
 */
package io.vsip4x.portal.storage;
