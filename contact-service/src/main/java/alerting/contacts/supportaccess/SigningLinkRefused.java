package alerting.contacts.supportaccess;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Why a signing link signs nothing that other errors do not say: used already (409) or past its own
 * or its request's expiry (410 Gone). The signing page says it in words, with that status.
 */
class SigningLinkRefused extends ErrorResponseException {
  SigningLinkRefused(HttpStatus status, String message) {
    super(status);
    setTitle(status == HttpStatus.GONE ? "Expired" : "Already used");
    setDetail(message);
  }
}
