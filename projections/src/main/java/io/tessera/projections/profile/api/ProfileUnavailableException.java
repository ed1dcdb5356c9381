package io.tessera.projections.profile.api;

/**
 * A command for a profile that holds no record any more: retired, or merged into another profile ({@code survivor},
 * which then takes the command instead).
 */
public class ProfileUnavailableException extends RuntimeException {

    private final String survivor;

    public ProfileUnavailableException(String profileId, String survivor) {
        super(survivor == null ? "Profile " + profileId + " holds no record any more"
                : "Profile " + profileId + " was merged into profile " + survivor + "; use that id");
        this.survivor = survivor;
    }

    public String survivor() {
        return survivor;
    }
}
