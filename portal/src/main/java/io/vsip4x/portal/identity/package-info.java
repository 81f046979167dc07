/** Sign-in (pages, the API with a password or a personal API token), accounts and roles. */
package io.vsip4x.portal.identity;
