package livechat.engine.conversation;

import java.time.Clock;
import livechat.engine.EngineSettings;
import livechat.engine.EntityDirectory;
import livechat.engine.conversation.Conversation.Command;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/**
 * What every part of one conversation's behaviour works with: the conversation's id, the effects it
 * answers with, its actor context, the directory of other entities, the settings and the clock.
 * Built once by {@link ConversationEntity}.
 */
record ConversationEnvironment(
    String conversationId,
    EffectFactories<ConversationEvent, ConversationState> effects,
    ActorContext<Command> context,
    EntityDirectory directory,
    EngineSettings settings,
    Clock clock) {}
