package livechat.engine.operator;

import java.util.List;
import java.util.function.LongSupplier;
import livechat.engine.MemberView;
import livechat.engine.operator.Operator.OfferAccepted;
import livechat.engine.operator.Operator.Profile;
import livechat.engine.operator.OperatorState.Registered;

/**
 * What an operator shows of itself: its {@link Profile} to the people who ask, and its {@link
 * MemberView} (languages and load) to its channels.
 */
final class OperatorViews {

  private final String operatorId;
  private final OperatorActivity activity;

  /** The sequence number of the operator's last written event, which orders its member views. */
  private final LongSupplier lastSequenceNumber;

  OperatorViews(String operatorId, OperatorActivity activity, LongSupplier lastSequenceNumber) {
    this.operatorId = operatorId;
    this.activity = activity;
    this.lastSequenceNumber = lastSequenceNumber;
  }

  MemberView view(Registered state) {
    return new MemberView(
        operatorId,
        state.mainLanguage(),
        state.chatLanguages(),
        state.active(),
        state.capacity(),
        lastSequenceNumber.getAsLong());
  }

  OfferAccepted accepted(Registered state) {
    return new OfferAccepted(view(state), state.displayName());
  }

  Profile profile(OperatorState state) {
    Registered operator = (Registered) state;
    return new Profile(
        operatorId,
        operator.login(),
        operator.name(),
        operator.onlineChatName(),
        operator.displayName(),
        operator.mainLanguage(),
        operator.chatLanguages(),
        operator.capacity(),
        operator.channels(),
        List.copyOf(operator.conversations().keySet()),
        operator.recent(),
        operator.online(),
        activity.lastActivity(operator),
        operator.disabled(),
        operator.tokenVersion());
  }
}
