/**
 * The local OpenID Connect provider: Spring Authorization Server with the demo people, a login
 * page, discovery, JWKS, and tokens carrying issuer, audience, name, tenant and roles.
 */
package alerting.identity;
