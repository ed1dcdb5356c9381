package io.tessera.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A channel a person may consent to be contacted on; named in lower case in configuration, JSON and URLs. */
public enum ConsentChannel {
    EMAIL,
    SMS,
    WHATSAPP,
    PHONE,
    POST;

    @JsonValue
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The channels as a configuration or a URL names them, for messages: {@code email, sms, …}. */
    public static String allowed() {
        return Arrays.stream(values()).map(ConsentChannel::configName).collect(Collectors.joining(", "));
    }

    /** The channel a text names, or an error that lists the channels. */
    @JsonCreator
    public static ConsentChannel fromConfig(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(channel -> channel.configName().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown consent channel '" + text + "'; use one of "
                        + allowed()));
    }
}
