package livechat.http.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RouteTemplateTest {

  @Test
  void idsInApiPathsBecomePlaceholders() {
    assertEquals(
        new RouteTemplate("api", "/api/conversations/{id}/messages"),
        RouteTemplate.of("/api/conversations/4f1c-9a/messages"));
    assertEquals(
        new RouteTemplate("api", "/api/channels/{id}/conversations"),
        RouteTemplate.of("/api/channels/anything%7Cat-all/conversations"));
  }

  @Test
  void fixedRoutesKeepTheirNames() {
    assertEquals(new RouteTemplate("websocket", "/ws"), RouteTemplate.of("/ws"));
    assertEquals(new RouteTemplate("metrics", "/metrics"), RouteTemplate.of("/metrics"));
    assertEquals(new RouteTemplate("health", "/health/ready"), RouteTemplate.of("/health/ready"));
    assertEquals(new RouteTemplate("api", "/api/auth/login"), RouteTemplate.of("/api/auth/login"));
  }

  @Test
  void pagesAndUnknownPathsCollapseToAFewSeries() {
    assertEquals(new RouteTemplate("web", "/console/*"), RouteTemplate.of("/console/app/x.js"));
    assertEquals(new RouteTemplate("web", "/widget.js"), RouteTemplate.of("/widget.js"));
    assertEquals(new RouteTemplate("other", "other"), RouteTemplate.of("/wp-admin/setup.php"));
    assertEquals(new RouteTemplate("api", "/api/**"), RouteTemplate.of("/api/a/b/c/d/e/f/g"));
  }
}
