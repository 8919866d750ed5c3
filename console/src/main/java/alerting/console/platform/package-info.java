/** Platform operators' pages: every tenant ranked by how reachable its security contacts are. */
package alerting.console.platform;
