package io.mlstages.model;

import java.util.Objects;

/**
 * What marks a kind of document and which schema versions this build reads.
 *
 * @param type         the record it binds to
 * @param kind         the value of its {@code kind} field, or null for a document that has none (a deployment result)
 * @param name         what it is called in messages, e.g. {@code drift report}
 * @param versionField the field that holds its schema version ({@code schemaVersion}; incidents say
 *                     {@code formatVersion})
 * @param version      the newest version this build reads and writes
 * @param <T>          the record
 */
public record DocumentType<T>(Class<T> type, String kind, String name, String versionField, int version) {
    public DocumentType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(versionField, "versionField");
    }
}
