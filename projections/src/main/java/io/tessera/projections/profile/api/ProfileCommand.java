package io.tessera.projections.profile.api;

/**
 * A command to one profile, which it names: how the Profile aggregate's commands are routed (see
 * {@code ProfileCommandTargetResolver}). Each also marks that id {@code @TargetAggregateIdentifier}, as Axon expects.
 */
public interface ProfileCommand {

    String profileId();
}
