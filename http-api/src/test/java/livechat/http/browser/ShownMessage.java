package livechat.http.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A message as a page shows it, read off its {@code .message[data-seq]} element; a message shown
 * without an author (a system message) has an empty one.
 */
public record ShownMessage(long seq, String author, String text) {

  public static List<ShownMessage> of(List<WebElement> messages) {
    return messages.stream()
        .map(
            message ->
                new ShownMessage(
                    Long.parseLong(message.getAttribute("data-seq")),
                    message.findElements(By.cssSelector(".message-author")).stream()
                        .map(author -> author.getText().trim())
                        .findFirst()
                        .orElse(""),
                    message.findElement(By.cssSelector(".message-text")).getText().trim()))
        .toList();
  }
}
