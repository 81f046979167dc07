/**
 * Tasks inside a running VM through its guest agent: the address of a NIC, the process and
 * software lists, opening a URL, the guest OS session, and text files pushed into the guest.
 */
package io.vsip4x.portal.guest;
