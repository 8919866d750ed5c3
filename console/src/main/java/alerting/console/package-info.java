/**
 * The console: server-rendered pages for tenant admins, responders and support. It signs people in
 * with OpenID Connect and calls the services' REST APIs with their token; it owns no data.
 */
package alerting.console;
