package io.tessera.ingestion.source;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A mapping file that cannot be used. The message lists every problem with file, line, column and key, and says
 * how to fix it; {@link #problems()} gives them one by one.
 */
public final class InvalidMappingException extends RuntimeException {

    private final transient List<Problem> problems;

    public InvalidMappingException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidMappingException(List<Problem> problems, Throwable cause) {
        super(message(problems), cause);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(List<Problem> problems) {
        String header = problems.size() == 1 ? "Invalid mapping: " : "Invalid mapping (" + problems.size() + " problems):\n  ";
        return header + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  "));
    }

    /**
     * One problem in a mapping file.
     *
     * @param file    the file or resource name
     * @param line    1-based line, 0 when unknown
     * @param column  1-based column, 0 when unknown
     * @param key     the path of the key, e.g. {@code sources[crm].tables[public.res_partner].key}
     * @param message what is wrong and how to fix it
     */
    public record Problem(String file, int line, int column, String key, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + key + ": " + message;
        }
    }
}
