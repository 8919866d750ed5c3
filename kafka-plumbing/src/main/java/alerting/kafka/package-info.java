/**
 * Kafka plumbing shared by the services and nothing else: replayed views, the dead-letter contract,
 * and topic creation from the catalogue, all from Boot's {@code spring.kafka.*}.
 */
package alerting.kafka;
