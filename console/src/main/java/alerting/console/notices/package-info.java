/** Seed 001's in-product banner: security-concern notices and recommendations for tenant admins. */
package alerting.console.notices;
