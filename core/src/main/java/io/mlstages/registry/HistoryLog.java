package io.mlstages.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A model's alias history: an append-only JSON Lines file, one {@link AliasMove} per line. A move is committed
 * once its whole line, newline included, is on disk; a last line without its newline is the trace of a writer
 * killed mid-append and is ignored by readers and cut off by the next writer. The aliases are derived by replaying
 * the lines, so there is no second file that could disagree with the history.
 */
final class HistoryLog {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private HistoryLog() {
    }

    /**
     * The committed moves of a file.
     *
     * @param moves     the moves, oldest first
     * @param committed the length in bytes of the committed lines (where the next line goes)
     */
    record Parsed(List<AliasMove> moves, long committed) {
        static final Parsed EMPTY = new Parsed(List.of(), 0);

        /** The alias states after every move. */
        Map<String, Deque<Integer>> stacks() {
            return replay(moves);
        }

        Instant lastAt() {
            return moves.isEmpty() ? Instant.EPOCH : moves.get(moves.size() - 1).at();
        }
    }

    static Parsed read(final Path file, final String model) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Parsed.EMPTY;
        } catch (IOException e) {
            throw new RegistryException(file + ": cannot read the history of model " + model + ": "
                    + e.getMessage(), e);
        }
        return parse(bytes, file.toString(), model);
    }

    /** Parses a history's bytes ({@code where} names them in errors): the complete lines; a torn last line is not. */
    static Parsed parse(final byte[] bytes, final String where, final String model) {
        List<AliasMove> moves = new ArrayList<>();
        int start = 0;
        int line = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            line++;
            if (i > start) {
                moves.add(parse(new String(bytes, start, i - start, StandardCharsets.UTF_8), where, line, model));
            }
            start = i + 1;
        }
        return new Parsed(List.copyOf(moves), start);
    }

    /**
     * Appends a move after the committed lines (cutting off a torn line) and forces it to disk. The caller holds
     * the model's lock.
     */
    static void append(final Path file, final Parsed parsed, final AliasMove move) {
        byte[] line = (format(move) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (channel.size() != parsed.committed()) {
                channel.truncate(parsed.committed());
            }
            ByteBuffer buffer = ByteBuffer.wrap(line);
            long position = parsed.committed();
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new RegistryException(file + ": cannot record the move of alias " + move.alias() + " of model "
                    + move.model() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replays moves into each alias's stack of holders: a promotion pushes the new holder (unless it already is
     * the holder), a rollback pops back to the previous one, a removal empties the stack.
     */
    static Map<String, Deque<Integer>> replay(final List<AliasMove> moves) {
        Map<String, Deque<Integer>> stacks = new HashMap<>();
        for (AliasMove move : moves) {
            apply(stacks, move);
        }
        stacks.values().removeIf(Deque::isEmpty);
        return stacks;
    }

    /** One step of {@link #replay}; may leave an empty stack for a removed alias. */
    static void apply(final Map<String, Deque<Integer>> stacks, final AliasMove move) {
        Deque<Integer> stack = stacks.computeIfAbsent(move.alias(), a -> new ArrayDeque<>());
        if (move.to() == null) {
            stack.clear();
            return;
        }
        switch (move.action()) {
            case AliasMove.ROLLBACK -> {
                if (!stack.isEmpty()) {
                    stack.pop();
                }
                if (stack.isEmpty() || !stack.peek().equals(move.to())) {
                    // a history written by hand or by another tool: trust the recorded target
                    stack.push(move.to());
                }
            }
            case AliasMove.REMOVE -> stack.clear();
            default -> {
                if (stack.isEmpty() || !stack.peek().equals(move.to())) {
                    stack.push(move.to());
                }
            }
        }
    }

    /** The current holder of every alias, sorted by alias. */
    static Map<String, Integer> current(final Map<String, Deque<Integer>> stacks) {
        Map<String, Integer> aliases = new TreeMap<>();
        stacks.forEach((alias, stack) -> aliases.put(alias, stack.peek()));
        return aliases;
    }

    static String format(final AliasMove move) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("model", move.model());
        node.put("alias", move.alias());
        node.put("from", move.from());
        node.put("to", move.to());
        node.put("at", move.at().toString());
        node.put("user", move.actor().user());
        node.put("buildUrl", move.actor().buildUrl());
        node.put("message", move.message());
        node.put("action", move.action());
        node.put("forced", move.forced());
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new RegistryException("Cannot write the move of alias " + move.alias() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    static AliasMove parse(final String text, final String file, final int line, final String model) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return new AliasMove(required(node, "model"), required(node, "alias"), version(node, "from"),
                    version(node, "to"), Instant.parse(required(node, "at")),
                    new Actor(Objects.requireNonNullElse(optional(node, "user"), Actor.UNKNOWN),
                            optional(node, "buildUrl")),
                    Objects.requireNonNullElse(optional(node, "message"), ""),
                    required(node, "action"), node.path("forced").asBoolean(false));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new RegistryException(file + ": line " + line + ": malformed alias move of model " + model + ": "
                    + e.getMessage(), e);
        }
    }

    private static String required(final JsonNode node, final String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field \"" + field + "\" is missing or not text");
        }
        return value.asText();
    }

    @CheckForNull
    private static String optional(final JsonNode node, final String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    @CheckForNull
    private static Integer version(final JsonNode node, final String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw new IllegalArgumentException("field \"" + field + "\" is not a version number: " + value);
        }
        return value.asInt();
    }
}
