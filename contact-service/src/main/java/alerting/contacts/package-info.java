/**
 * contact-service: the source of truth for tenants and their security contacts. Every change is
 * published to Kafka as the tenant's full contact snapshot.
 */
package alerting.contacts;
