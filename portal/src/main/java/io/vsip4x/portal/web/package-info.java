/** Layout, errors, languages and the live-update hub shared by every page. */
package io.vsip4x.portal.web;
