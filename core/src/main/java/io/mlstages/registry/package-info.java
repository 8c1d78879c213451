/**
 * The model registry: immutable numbered versions of named models, aliases ({@code production}, {@code staging})
 * with the full history of their moves, integrity checks, retention, safe under concurrent and crashing writers.
 */
package io.mlstages.registry;
