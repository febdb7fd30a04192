package livechat.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A server the scenarios drive: the livechat node or the ceiling relay. */
public interface Target extends AutoCloseable {

  /** The most operator sockets a scenario uses; conversations are spread over them. */
  int OPERATORS = 200;

  String name();

  HttpClient http();

  URI socketUri(String token);

  /** The processes whose CPU and memory a report shows, by name; the first is the server. */
  Map<String, Long> processes();

  /** Starts conversations, each with an operator (at most {@link #OPERATORS} of them). */
  List<Conversation> startConversations(int count) throws Exception;

  /** Starts conversations that nobody answers, for the sockets they hold (no operator token). */
  List<Conversation> startUnansweredConversations(int count) throws Exception;

  /** Ends conversations a scenario is done with, so that operators are free again. */
  void endConversations(List<Conversation> conversations) throws Exception;

  /** The REST API when the target is the node; the relay has none. */
  Optional<NodeApi> api();
}
