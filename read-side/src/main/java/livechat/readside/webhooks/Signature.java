package livechat.readside.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Livechat-Signature} of a delivery: {@code sha256=} and the hex HMAC-SHA256 of the
 * raw body, keyed with the webhook's secret, so that a receiver can tell our deliveries from forged
 * ones.
 */
public final class Signature {

  public static final String HEADER = "X-Livechat-Signature";

  private Signature() {}

  public static String of(byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
