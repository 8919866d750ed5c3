package alerting.dispatcher.email;

import org.springframework.web.util.HtmlUtils;

/**
 * The one HTML layout of every email the dispatcher sends: a centred 600 px card that shrinks to
 * the screen (readable at 360 px), built from tables with inline styles because mail clients drop
 * style sheets. Every method escapes the values it is given, except {@code html} arguments, which
 * are fragments built here.
 */
public final class EmailLayout {
  private static final String FONT = "font-family:Arial,Helvetica,sans-serif;";
  private static final String ALERT = "#b91c1c";
  private static final String NOTICE = "#1f2937";

  private EmailLayout() {}

  /** An urgent message (an alert to acknowledge) or a notice (news, a change made). */
  public enum Tone {
    ALERT,
    NOTICE
  }

  /** The whole document: a coloured banner line, the blocks, a small footer. */
  public static String page(Tone tone, String banner, String footer, String... blocks) {
    var colour = tone == Tone.ALERT ? ALERT : NOTICE;
    return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%1$s</title></head>
        <body style="margin:0;padding:0;background-color:#f3f4f6;">
        <table role="presentation" width="100%%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;">
        <tr><td align="center" style="padding:16px 8px;">
        <table role="presentation" width="100%%" cellpadding="0" cellspacing="0" border="0" style="width:100%%;max-width:600px;background-color:#ffffff;border-radius:8px;">
        <tr><td style="padding:14px 20px;background-color:%2$s;border-radius:8px 8px 0 0;%3$scolor:#ffffff;font-size:14px;font-weight:bold;">%1$s</td></tr>
        <tr><td style="padding:20px;%3$sfont-size:16px;line-height:24px;color:#111827;word-break:break-word;overflow-wrap:anywhere;">
        %4$s
        </td></tr>
        <tr><td style="padding:12px 20px 20px;%3$sfont-size:12px;line-height:18px;color:#6b7280;">%5$s</td></tr>
        </table>
        </td></tr></table>
        </body></html>
        """
        .formatted(esc(banner), colour, FONT, String.join("\n", blocks), esc(footer));
  }

  /** A paragraph of already-built HTML (escape values with {@link #esc} or {@link #strong}). */
  public static String paragraph(String html) {
    return "<p style=\"margin:0 0 16px;\">" + html + "</p>";
  }

  public static String heading(String text) {
    return "<h1 style=\"margin:0 0 16px;"
        + FONT
        + "font-size:22px;line-height:28px;color:#111827;\">"
        + esc(text)
        + "</h1>";
  }

  public static String strong(String text) {
    return "<strong>" + esc(text) + "</strong>";
  }

  /** Text as written, line breaks kept (a before/after description, a detail). */
  public static String preformatted(String text) {
    return "<p style=\"margin:0 0 16px;white-space:pre-wrap;\">" + esc(text) + "</p>";
  }

  /** The one thing to do: a full-width button, large enough to hit with a thumb. */
  public static String button(String label, String href) {
    return """
        <table role="presentation" width="100%%" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px;">
        <tr><td align="center" bgcolor="%1$s" style="background-color:%1$s;border-radius:6px;">
        <a href="%2$s" style="display:block;padding:16px 20px;%3$sfont-size:18px;line-height:24px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px;">%4$s</a>
        </td></tr></table>"""
        .formatted(ALERT, esc(href), FONT, esc(label));
  }

  /** A link; an address that is not http(s) (a responder typed it) is shown, not linked. */
  public static String link(String label, String href) {
    if (href == null || !(href.startsWith("https://") || href.startsWith("http://"))) {
      return esc(href);
    }
    return "<a href=\"" + esc(href) + "\" style=\"color:#1d4ed8;\">" + esc(label) + "</a>";
  }

  /** Escapes a value for an element's text or a quoted attribute; null reads as empty. */
  public static String esc(String s) {
    return HtmlUtils.htmlEscape(s == null ? "" : s);
  }
}
