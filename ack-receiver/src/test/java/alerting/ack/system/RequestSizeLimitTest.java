package alerting.ack.system;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.ack.AckReceiverTestSupport;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestSizeLimitTest extends AckReceiverTestSupport {
  private static final byte[] MEGABYTE =
      ("Body=" + "x".repeat(1_000_000)).getBytes(StandardCharsets.UTF_8);

  @Test
  void aChunkedBodyOverTheLimitIsA413ProblemWhateverItsType() throws Exception {
    var answer =
        send(
            "application/octet-stream",
            "198.51.100.210",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(MEGABYTE)));

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    assertThat(answer.body()).contains("over the limit of 65536 bytes");
  }

  @Test
  void aFormDeclaringMoreThanTheLimitIsA413BeforeItsSignatureIsChecked() throws Exception {
    var answer =
        send(
            "application/x-www-form-urlencoded",
            "198.51.100.211",
            HttpRequest.BodyPublishers.ofByteArray(MEGABYTE));

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.body()).contains("request body is " + MEGABYTE.length + " bytes");
  }

  @Test
  void aChunkedFormIsRefusedForWantOfALength() throws Exception {
    var small = "Body=YES".getBytes(StandardCharsets.UTF_8);
    var answer =
        send(
            "application/x-www-form-urlencoded",
            "198.51.100.212",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)));

    assertThat(answer.statusCode()).isEqualTo(411);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
  }

  private static HttpResponse<String> send(
      String contentType, String client, HttpRequest.BodyPublisher body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(BASE_URL + "/twilio/sms"))
            .header("Content-Type", contentType)
            .header("X-Forwarded-For", client)
            .POST(body)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
