package io.mlstages.incident;

import io.mlstages.io.AtomicFiles;
import io.mlstages.profile.Profile;
import io.mlstages.profile.ProfileJson;
import io.mlstages.registry.Registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Incidents beside a folder registry: {@code incidents/<model>/<id>.json}, written atomically under the model's
 * incident lock.
 */
final class FolderIncidents implements IncidentStore.Backend {
    private final Path root;

    FolderIncidents(final Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public String registry() {
        return String.valueOf(root.getParent());
    }

    @Override
    public List<String> models() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }
        catch (IOException e) {
            throw new IncidentException(root + ": cannot list incident folders: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Incident> list(final String model) {
        List<Incident> all = new ArrayList<>();
        Path dir = root.resolve(model);
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> isIncidentFile(f.getFileName().toString()))
                    .sorted(Comparator.comparing(f -> IncidentStore.number(id(f))))
                    .forEach(f -> all.add(read(f)));
        }
        catch (IOException e) {
            throw new IncidentException(dir + ": cannot list incidents: " + e.getMessage(), e);
        }
        return all;
    }

    @Override
    public Optional<Incident> read(final String model, final String id) {
        Path file = root.resolve(model).resolve(id + ".json");
        return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
    }

    @Override
    public <T> T update(final String model, final Function<Incident, T> work) {
        Path dir = root.resolve(model);
        try {
            Files.createDirectories(dir);
        }
        catch (IOException e) {
            throw new IncidentException(dir + ": cannot create the incident folder of model " + model + ": "
                    + e.getMessage(), e);
        }
        return Registry.locked(dir.resolve(IncidentStore.LOCK), "incidents of " + model,
                () -> work.apply(list(model).stream().filter(Incident::isOpen).reduce((a, b) -> b).orElse(null)));
    }

    @Override
    public String nextId(final String model) {
        int highest = 0;
        Path dir = root.resolve(model);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                highest = files.map(f -> f.getFileName().toString()).filter(FolderIncidents::isIncidentFile)
                        .mapToInt(n -> IncidentStore.number(n.substring(0, n.length() - ".json".length())))
                        .max().orElse(0);
            }
            catch (IOException e) {
                throw new IncidentException(dir + ": cannot list incidents: " + e.getMessage(), e);
            }
        }
        return String.format("%s-%04d", model, highest + 1);
    }

    @Override
    public void save(final Incident incident) {
        AtomicFiles.write(root.resolve(incident.model()).resolve(incident.id() + ".json"),
                IncidentJson.toJson(incident));
    }

    @Override
    public String saveProfile(final Incident incident, final Profile profile) {
        String name = incident.id() + IncidentStore.PROFILE_SUFFIX;
        ProfileJson.write(profile, root.resolve(incident.model()).resolve(name));
        return name;
    }

    @Override
    public Optional<Profile> profile(final Incident incident) {
        Path file = root.resolve(IncidentStore.modelOf(incident.id())).resolve(incident.id()
                + IncidentStore.PROFILE_SUFFIX);
        return Files.isRegularFile(file) ? Optional.of(ProfileJson.read(file)) : Optional.empty();
    }

    private static boolean isIncidentFile(final String name) {
        return name.endsWith(".json") && !name.endsWith(IncidentStore.PROFILE_SUFFIX)
                && IncidentStore.ID.matcher(name.substring(0, name.length() - ".json".length())).matches();
    }

    private static String id(final Path file) {
        String name = String.valueOf(file.getFileName());
        return name.substring(0, name.length() - ".json".length());
    }

    private static Incident read(final Path file) {
        try {
            return IncidentJson.fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        }
        catch (NoSuchFileException e) {
            throw new IncidentException(file + ": no such incident file", e);
        }
        catch (IOException e) {
            throw new IncidentException(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
