package dev.lexguard.platform.web.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The dependencies between the packages directly under a service's root package ({@code dev.lexguard.<service>}),
 * read with ArchUnit from the service's main classes only: the classes directory the given class was loaded from,
 * without the tests and without the jars the service depends on. A package stands for itself and its subpackages;
 * the root package's own classes belong to none. What the services' package-dependency tests assert on.
 */
public final class PackageDependencies {

    private final String root;
    private final JavaClasses classes;

    private PackageDependencies(String root, JavaClasses classes) {
        this.root = root;
        this.classes = classes;
    }

    /** The service {@code mainClass} belongs to; its root package is the first three segments of its package. */
    public static PackageDependencies ofServiceOf(Class<?> mainClass) {
        String[] segments = mainClass.getPackageName().split("\\.");
        if (segments.length < 3) {
            throw new IllegalArgumentException(mainClass + " is not in a package dev.lexguard.<service>");
        }
        Path location;
        try {
            location = Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("a class directory always has a file URI", e);
        }
        JavaClasses classes = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPath(location);
        if (classes.isEmpty()) {
            throw new IllegalStateException("no classes found at " + location);
        }
        return new PackageDependencies(String.join(".", segments[0], segments[1], segments[2]), classes);
    }

    /** Fails, naming each cycle and the dependencies that make it, if any packages depend on each other in a cycle. */
    public void assertFreeOfCycles() {
        slices().matching(root + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }

    /**
     * Fails unless the two-way pairs are exactly {@code known}: a new pair fails, and so does a known pair that is no
     * longer tied, so that a list of pairs still to untie only ever shrinks.
     */
    public void assertTwoWayPairsExactly(Set<String> known) {
        SortedSet<String> found = twoWayPairs();
        SortedSet<String> added = new TreeSet<>(found);
        added.removeAll(known);
        SortedSet<String> untied = new TreeSet<>(known);
        untied.removeAll(found);
        if (!added.isEmpty() || !untied.isEmpty()) {
            throw new AssertionError("packages of " + root + " that now import each other: " + added
                    + "; listed pairs no longer tied (take them off the list): " + untied);
        }
    }

    /** The pairs of packages that depend on each other directly, as {@code "a <-> b"} with {@code a} before {@code b}. */
    public SortedSet<String> twoWayPairs() {
        Map<String, Set<String>> uses = new HashMap<>();
        for (JavaClass origin : classes) {
            Optional<String> from = packageOf(origin);
            if (from.isEmpty()) {
                continue;
            }
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                packageOf(dependency.getTargetClass()).filter(to -> !to.equals(from.get()))
                        .ifPresent(to -> uses.computeIfAbsent(from.get(), p -> new HashSet<>()).add(to));
            }
        }
        SortedSet<String> pairs = new TreeSet<>();
        uses.forEach((from, targets) -> targets.stream()
                .filter(to -> from.compareTo(to) < 0 && uses.getOrDefault(to, Set.of()).contains(from))
                .forEach(to -> pairs.add(from + " <-> " + to)));
        return pairs;
    }

    private Optional<String> packageOf(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(root + ".")) {
            return Optional.empty();
        }
        String below = name.substring(root.length() + 1);
        int dot = below.indexOf('.');
        return Optional.of(dot < 0 ? below : below.substring(0, dot));
    }
}
