package alerting.localinfra;

/** What a webhook answered: the HTTP status and the body (TwiML for Twilio webhooks). */
public record WebhookReply(int status, String body) {}
