package io.mlstages.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link RowSource} that hands every call to another one: extend it to observe reading (progress, counting)
 * by overriding {@link #next()} alone. {@link #readByColumn} is not handed on (it returns -1, so readers fall
 * back to {@link #next()}): rows read by column would pass a wrapper that watches {@code next()} unseen. A
 * wrapper that can watch values column by column overrides it.
 */
public abstract class ForwardingRowSource implements RowSource {
    private final RowSource source;

    protected ForwardingRowSource(final RowSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public boolean next() {
        return source.next();
    }

    @Override
    public Path file() {
        return source.file();
    }

    @Override
    public Schema schema() {
        return source.schema();
    }

    @Override
    public long line() {
        return source.line();
    }

    @Override
    public boolean isMissing(final int column) {
        return source.isMissing(column);
    }

    @Override
    public double number(final int column) {
        return source.number(column);
    }

    @Override
    public boolean bool(final int column) {
        return source.bool(column);
    }

    @Override
    public String text(final int column) {
        return source.text(column);
    }

    @Override
    public long position() {
        return source.position();
    }

    @Override
    public long size() {
        return source.size();
    }

    @Override
    public java.util.List<String> warnings() {
        return source.warnings();
    }

    @Override
    public String sha256() {
        return source.sha256();
    }

    @Override
    public void close() {
        source.close();
    }
}
