package alerting.contacts.securitycontacts;

import alerting.contacts.system.ContactServiceSettings;
import alerting.contacts.system.InvalidRequestException;
import alerting.events.Channel;
import alerting.events.ContactMethod;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Normalises what an admin typed: phone numbers to E.164 with libphonenumber (hand-written
 * phone parsing gets national formats and lengths wrong), email addresses checked for shape.
 */
@Component
class ContactMethodParser {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  ContactMethodParser(ContactServiceSettings settings) {
    this.defaultRegion = settings.defaultPhoneRegion();
  }

  ContactMethod parse(String channel, String address) {
    if (channel == null || address == null || address.isBlank()) {
      throw new InvalidRequestException("every contact method needs a channel and an address");
    }
    Channel parsed;
    try {
      parsed = Channel.valueOf(channel.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("unknown channel " + channel + "; use EMAIL, SMS or VOICE");
    }
    return new ContactMethod(parsed, parsed == Channel.EMAIL ? email(address) : phone(address));
  }

  private String email(String address) {
    var trimmed = address.strip();
    if (!EMAIL.matcher(trimmed).matches()) {
      throw new InvalidRequestException("not an email address: " + trimmed);
    }
    return trimmed;
  }

  private String phone(String address) {
    try {
      var number = phones.parse(address, defaultRegion);
      if (!phones.isValidNumber(number)) {
        throw new InvalidRequestException("not a valid phone number: " + address);
      }
      return phones.format(number, PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      throw new InvalidRequestException("not a phone number: " + address + " (" + e.getMessage() + ")");
    }
  }
}
