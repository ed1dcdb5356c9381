package io.tessera.projections.profile.command;

import io.tessera.projections.profile.api.ProfileCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Finds the profile a command is for through {@link ProfileCommand#profileId()}. Axon's default resolver looks for
 * the {@code @TargetAggregateIdentifier} and {@code @TargetAggregateVersion} among the command's fields and methods
 * again for every command, reading their annotations by reflection: a twelfth of the decision consumer's CPU in a
 * bulk load. Profiles are not versioned. A command that is no {@link ProfileCommand} goes to Axon's resolver.
 */
public final class ProfileCommandTargetResolver implements CommandTargetResolver {

    /** The name of its bean, which the {@link Profile} aggregate names. */
    public static final String BEAN = "profileCommandTargetResolver";

    private final CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (!(command.getPayload() instanceof ProfileCommand profileCommand)) {
            return annotated.resolveTarget(command);
        }
        if (profileCommand.profileId() == null) {
            // As Axon's resolver: a command without a target fails instead of reaching a profile of no id.
            throw new IllegalArgumentException("Invalid command. It does not identify the target aggregate. "
                    + "Make sure at least one of the fields or methods in the [" + command.getPayloadType()
                    .getSimpleName() + "] class contains the @TargetAggregateIdentifier annotation and that it "
                    + "returns a non-null value.");
        }
        return new VersionedAggregateIdentifier(profileCommand.profileId(), null);
    }
}
