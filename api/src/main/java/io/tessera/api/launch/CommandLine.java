package io.tessera.api.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of a file command ({@code resolve}, {@code learn}): {@code --name value} options from a known set,
 * and the rest as input files. Errors are one line that names the option and the usage.
 */
final class CommandLine {

    private final Map<String, String> options;
    private final List<Path> inputs;
    private final String usage;

    private CommandLine(Map<String, String> options, List<Path> inputs, String usage) {
        this.options = options;
        this.inputs = inputs;
        this.usage = usage;
    }

    /** Reads {@code args} after the command name; every option takes a value. */
    static CommandLine parse(String[] args, Set<String> known, String usage) {
        Map<String, String> options = new HashMap<>();
        List<Path> inputs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                inputs.add(Path.of(arg));
            } else if (!known.contains(arg)) {
                throw new LaunchException("Unknown option '" + arg + "'; use: " + usage);
            } else if (i + 1 >= args.length) {
                throw new LaunchException("Option " + arg + " needs a value; use: " + usage);
            } else {
                options.put(arg, args[++i]);
            }
        }
        return new CommandLine(options, List.copyOf(inputs), usage);
    }

    /** The value of an option, or {@code null} when it was not given. */
    String value(String option) {
        return options.get(option);
    }

    /** The value of an option as a path, or {@code null}. */
    Path path(String option) {
        String value = options.get(option);
        return value == null ? null : Path.of(value);
    }

    List<Path> inputs() {
        return inputs;
    }

    /** Fails with {@code what} and the usage unless the mapping, the output and an input are there. */
    void require(boolean present, String what) {
        if (!present) {
            throw new LaunchException(what + ": " + usage);
        }
    }
}
