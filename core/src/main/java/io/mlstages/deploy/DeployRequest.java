package io.mlstages.deploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlstages.registry.Actor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to deploy: a registered version of a model, or a package to register first, under an alias.
 *
 * @param model           the model's name in the registry
 * @param version         the registered version to deploy, or null when {@code packagePath} is given
 * @param packagePath     a package folder or zip to register as the next version and deploy, or null when
 *                        {@code version} is given
 * @param alias           the alias to move once every target has the version; default {@value #DEFAULT_ALIAS}
 * @param requireBlessing whether an unblessed version is refused (unless {@code force}); default true
 * @param force           deploy an unblessed version anyway; the alias history records it
 * @param message         why, for the alias history; may be null (a default names the version and targets)
 * @param actor           who deploys
 */
public record DeployRequest(String model, @CheckForNull Integer version, @CheckForNull Path packagePath, String alias,
        boolean requireBlessing, boolean force, @CheckForNull String message, Actor actor) {

    /** The alias a deployment moves unless told otherwise. */
    public static final String DEFAULT_ALIAS = "production";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public DeployRequest {
        name(model, "model");
        if ((version == null) == (packagePath == null)) {
            throw new DeployException("Give the version to deploy of " + model + " or a package to register, "
                    + (version == null ? "not neither" : "not both (version " + version + ", package " + packagePath
                    + ")"));
        }
        if (version != null && version < 1) {
            throw new DeployException("The version of " + model + " to deploy must be at least 1, not " + version);
        }
        alias = alias == null ? DEFAULT_ALIAS : alias;
        name(alias, "alias");
        Objects.requireNonNull(actor, "actor");
    }

    /** Deploys a registered version under {@value #DEFAULT_ALIAS}, blessing required, as the environment's actor. */
    public static DeployRequest ofVersion(final String model, final int version) {
        return new DeployRequest(model, version, null, DEFAULT_ALIAS, true, false, null, Actor.fromEnvironment());
    }

    /** Registers a package, then deploys it like {@link #ofVersion(String, int)}. */
    public static DeployRequest ofPackage(final String model, final Path packagePath) {
        return new DeployRequest(model, null, packagePath, DEFAULT_ALIAS, true, false, null, Actor.fromEnvironment());
    }

    public DeployRequest withAlias(final String value) {
        return new DeployRequest(model, version, packagePath, value, requireBlessing, force, message, actor);
    }

    public DeployRequest withRequireBlessing(final boolean value) {
        return new DeployRequest(model, version, packagePath, alias, value, force, message, actor);
    }

    public DeployRequest withForce(final boolean value) {
        return new DeployRequest(model, version, packagePath, alias, requireBlessing, value, message, actor);
    }

    public DeployRequest withMessage(final String value) {
        return new DeployRequest(model, version, packagePath, alias, requireBlessing, force, value, actor);
    }

    public DeployRequest withActor(final Actor value) {
        return new DeployRequest(model, version, packagePath, alias, requireBlessing, force, message, value);
    }

    /**
     * Checks a model or alias name as a deployment does, so that a caller can refuse a bad one before any work.
     *
     * @throws DeployException naming the value when it is not a valid name
     */
    public static void name(final String value, final String what) {
        Objects.requireNonNull(value, what);
        if (!NAME.matcher(value).matches()) {
            throw new DeployException("The " + what + " name '" + value.replaceAll("\\p{Cntrl}", "?")
                    + "' is not allowed: use letters, digits, '.', '_' and '-', starting with a letter or digit,"
                    + " at most 100 characters");
        }
    }
}
