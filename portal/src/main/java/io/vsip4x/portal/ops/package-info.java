/**
 * Running the portal: the health components and metrics an operator and a proxy read (the
 * actuator), beside what Spring Boot gives; who may read them is the identity package's.
 */
package io.vsip4x.portal.ops;
