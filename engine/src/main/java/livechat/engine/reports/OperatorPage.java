package livechat.engine.reports;

import java.util.List;

/** A page of operator ids in login order; {@code next} (a login) is null after the last page. */
public record OperatorPage(List<String> operatorIds, String next) {}
