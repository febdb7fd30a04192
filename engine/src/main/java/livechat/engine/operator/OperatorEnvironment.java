package livechat.engine.operator;

import java.time.Clock;
import livechat.engine.EngineSettings;
import livechat.engine.EntityDirectory;
import livechat.engine.operator.Operator.Command;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/**
 * What every part of one operator's behaviour works with: the operator's id, the effects it answers
 * with, its actor context, the directory of other entities, the settings and the clock. Built once
 * by {@link OperatorEntity}.
 */
record OperatorEnvironment(
    String operatorId,
    EffectFactories<OperatorEvent, OperatorState> effects,
    ActorContext<Command> context,
    EntityDirectory directory,
    EngineSettings settings,
    Clock clock) {}
