/** Sign-in, accounts and roles. */
package io.vsip4x.portal.identity;
