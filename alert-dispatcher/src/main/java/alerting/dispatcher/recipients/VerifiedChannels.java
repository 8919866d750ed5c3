package alerting.dispatcher.recipients;

import alerting.events.Channel;
import java.util.Optional;

/**
 * What verification drills proved about a contact's channels (issue #17): the channel on which the
 * contact most recently confirmed a drill, unless its latest drill there failed since.
 */
public interface VerifiedChannels {
  Optional<Channel> latestVerified(String tenantId, String contactId);
}
