package alerting.contacts.securitycontacts;

import alerting.contacts.system.ContactServiceSettings;
import alerting.contacts.system.EmailAddresses;
import alerting.contacts.system.InvalidRequestException;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import org.springframework.stereotype.Component;

/**
 * Normalises what an admin typed: phone numbers to E.164 with libphonenumber (hand-written phone
 * parsing gets national formats and lengths wrong), email addresses checked for shape.
 */
@Component
class ContactMethodParser {
  /** More would only delay escalation: each method is tried for a whole ack timeout. */
  private static final int MAX_METHODS = 10;

  private static final int MAX_PHONE = 64;
  private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  ContactMethodParser(ContactServiceSettings settings) {
    this.defaultRegion = settings.defaultPhoneRegion();
  }

  /** The methods in the order given; {@code field} names them in error messages. */
  java.util.List<ContactMethod> parseAll(java.util.List<MethodInput> methods, String field) {
    if (methods == null || methods.isEmpty()) {
      throw new InvalidRequestException(field, "at least one way to reach the contact is required");
    }
    if (methods.size() > MAX_METHODS) {
      throw new InvalidRequestException(
          field, "at most " + MAX_METHODS + " ways to reach a contact, was " + methods.size());
    }
    var parsed = new java.util.ArrayList<ContactMethod>();
    for (var i = 0; i < methods.size(); i++) {
      var method = methods.get(i);
      parsed.add(
          parse(
              method == null ? null : method.channel(),
              method == null ? null : method.address(),
              field + "[" + i + "]"));
    }
    if (parsed.stream().distinct().count() < parsed.size()) {
      throw new InvalidRequestException(field, "the same method is listed twice");
    }
    return parsed;
  }

  ContactMethod parse(String channel, String address, String field) {
    if (channel == null || channel.isBlank()) {
      throw new InvalidRequestException(field + ".channel", "is required; use EMAIL, SMS or VOICE");
    }
    if (address == null || address.isBlank()) {
      throw new InvalidRequestException(field + ".address", "is required");
    }
    Channel parsed;
    try {
      parsed = Channel.valueOf(channel.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          field + ".channel", "unknown channel " + channel + "; use EMAIL, SMS or VOICE");
    }
    var where = field + ".address";
    return new ContactMethod(
        parsed, parsed == Channel.EMAIL ? email(address, where) : phone(address, where));
  }

  static String email(String address, String field) {
    return EmailAddresses.checked(address, field);
  }

  private String phone(String address, String field) {
    try {
      var number =
          phones.parse(InvalidRequestException.atMost(MAX_PHONE, address, field), defaultRegion);
      if (!phones.isValidNumber(number)) {
        throw new InvalidRequestException(field, "not a valid phone number: " + address);
      }
      return phones.format(number, PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      throw new InvalidRequestException(
          field, "not a phone number: " + address + " (" + e.getMessage() + ")");
    }
  }
}
