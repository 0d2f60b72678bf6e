package io.github.rwsplit.internal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Checks of the library internals an rwsplit adapter relies on. Every failure names the library and its version on
 * the test class path, the internal that changed, and the adapter to update, so a version bump that breaks an
 * internal says so at once instead of failing somewhere in routing.
 */
public final class LibraryInternals {
    private final String library;
    private final String adapter;

    private LibraryInternals(String library, String adapter) {
        this.library = library;
        this.adapter = adapter;
    }

    /** Connector/J's internals, as used by {@code adapter}. */
    public static LibraryInternals connectorJ(String adapter) {
        return new LibraryInternals("Connector/J " + versionOf("com.mysql.cj.jdbc.NonRegisteringDriver"), adapter);
    }

    /** HikariCP's internals, as used by {@code adapter}. */
    public static LibraryInternals hikariCp(String adapter) {
        return new LibraryInternals("HikariCP " + versionOf("com.zaxxer.hikari.HikariDataSource"), adapter);
    }

    /** The library and version under test, for assertion messages of behavioural checks. */
    public String says(String expectation) {
        return library + ": " + expectation + " (relied on by rwsplit's " + adapter + ")";
    }

    public Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw changed(name, "is gone");
        }
    }

    /** A public method with these parameters whose result rwsplit can use as {@code returns}. */
    public Method method(String owner, String name, Class<?> returns, Class<?>... parameters) {
        String signature = owner + "." + name + Arrays.toString(parameters).replace('[', '(').replace(']', ')');
        Method method;
        try {
            method = type(owner).getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw changed(signature, "is gone or takes other parameters");
        }
        if (!returns.isAssignableFrom(method.getReturnType()) && !method.getReturnType().equals(returns)) {
            throw changed(signature, "now returns " + method.getReturnType().getName() + ", not " + returns.getName());
        }
        return method;
    }

    /** {@code name} is still a {@code supertype}, so the adapter's cast or instanceof still holds. */
    public void subtype(String name, Class<?> supertype) {
        if (!supertype.isAssignableFrom(type(name))) {
            throw changed(name, "is no longer a " + supertype.getName());
        }
    }

    /** A public static constant with this value. */
    public void constant(String owner, String name, Object value) {
        try {
            Field field = type(owner).getField(name);
            Object actual = Modifier.isStatic(field.getModifiers()) ? field.get(null) : null;
            if (!value.equals(actual)) {
                throw changed(owner + "." + name, "is now " + actual + ", not " + value);
            }
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw changed(owner + "." + name, "is gone");
        }
    }

    private AssertionError changed(String internal, String how) {
        return new AssertionError(library + " changed an internal rwsplit relies on: " + internal + " " + how
                + ". Update " + adapter + ", or stay on a version it is known to work with.");
    }

    /** The version in the manifest of the jar that holds {@code className}, else the jar's name. */
    static String versionOf(String className) {
        try {
            CodeSource source = Class.forName(className).getProtectionDomain().getCodeSource();
            Path jar = Path.of(source.getLocation().toURI());
            try (JarFile file = new JarFile(jar.toFile())) {
                Manifest manifest = file.getManifest();
                if (manifest != null) {
                    Attributes main = manifest.getMainAttributes();
                    String version = main.getValue("Implementation-Version");
                    if (version == null) {
                        version = main.getValue("Bundle-Version");
                    }
                    if (version != null) {
                        return version;
                    }
                }
            }
            return jar.getFileName().toString();
        } catch (ClassNotFoundException | IOException | URISyntaxException | RuntimeException e) {
            return "(version unknown: " + e + ")";
        }
    }
}
