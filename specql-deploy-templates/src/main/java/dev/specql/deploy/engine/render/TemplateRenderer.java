package dev.specql.deploy.engine.render;

import dev.specql.deploy.engine.escape.Escapers;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeConstants;

/**
 * Renders the bundled Velocity templates in strict mode. A user template directory, when given, is
 * searched first: a file at the same relative path (e.g. {@code docker/Dockerfile-python.vm}) replaces
 * the bundled template.
 */
public final class TemplateRenderer {

    /** Where bundled templates live on the classpath. */
    public static final String BUNDLED_ROOT = "specql-deploy/templates/";

    /**
     * Engines shared by the runs of a JVM (an IDE's incremental builds, a reactor of several projects): bundled
     * templates cannot change while the JVM runs, so they are parsed once, and Velocity's introspection of the
     * view records stays warm. Velocity caches which loader a template came from, so the key includes the
     * override files present: adding or removing one gets a fresh engine. Overrides themselves are never cached.
     */
    private static final Map<EngineKey, VelocityEngine> ENGINES = new ConcurrentHashMap<>();

    private record EngineKey(Optional<Path> directory, Set<String> overrides) {
    }

    private final VelocityEngine engine;
    private final Optional<Path> overrideDirectory;
    private final Set<String> read = new LinkedHashSet<>();

    public TemplateRenderer(Optional<Path> overrideDirectory) {
        this.overrideDirectory = overrideDirectory.filter(Files::isDirectory).map(d -> d.toAbsolutePath().normalize());
        this.engine = ENGINES.computeIfAbsent(new EngineKey(this.overrideDirectory, overrides(this.overrideDirectory)), key -> {
            VelocityEngine velocity = new VelocityEngine(configuration(key.directory()));
            velocity.init();
            return velocity;
        });
    }

    /** The override files, as template paths. */
    private static Set<String> overrides(Optional<Path> directory) {
        if (directory.isEmpty()) {
            return Set.of();
        }
        try (Stream<Path> walk = Files.walk(directory.get())) {
            return walk.filter(Files::isRegularFile).map(f -> directory.get().relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties configuration(Optional<Path> overrideDirectory) {
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        p.setProperty(RuntimeConstants.SPACE_GOBBLING, "lines");
        p.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        p.setProperty("event_handler.reference_insertion.class", InsertionGuard.class.getName());
        p.setProperty("event_handler.include.class", NoIncludes.class.getName());
        p.setProperty("resource.loader.bundled.class", BundledTemplateLoader.class.getName());
        if (overrideDirectory.isPresent()) {
            p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "user,bundled");
            p.setProperty("resource.loader.user.class", "org.apache.velocity.runtime.resource.loader.FileResourceLoader");
            p.setProperty("resource.loader.user.path", overrideDirectory.get().toAbsolutePath().toString());
            p.setProperty("resource.loader.user.cache", "false");
        } else {
            p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "bundled");
        }
        p.setProperty("resource.loader.bundled.cache", "true");
        return p;
    }

    /**
     * @param template a template path relative to the template root, e.g. {@code docker/compose.yaml.vm}
     * @param view     the view: each record component becomes a reference of the template ({@code $header} for
     *                 a component {@code header}), beside the escapers ({@code $yaml}, {@code $sh}, ...)
     * @throws TemplateException with the template name when rendering fails
     */
    public String render(String template, Record view) {
        VelocityContext context = new VelocityContext();
        Escapers.all().forEach(context::put);
        for (Component component : COMPONENTS.get(view.getClass())) {
            if (Escapers.all().containsKey(component.name())) {
                throw new TemplateException(template + ": the view component " + component.name()
                        + " would hide the escaper of that name; rename it", null);
            }
            context.put(component.name(), component.value(view));
        }
        StringWriter out = new StringWriter();
        try {
            engine.mergeTemplate(template, "UTF-8", context, out);
        } catch (TemplateException e) {
            throw e;
        } catch (VelocityException | InsertionGuard.UnsafeInsertionException e) {
            throw new TemplateException(template + (isOverridden(template) ? " (user override)" : "") + ": " + e.getMessage(), e);
        }
        read.add(template);
        return out.toString();
    }

    /** A view's components, looked up once per view class: reflection per render showed in the benchmark. */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents()).map(component -> {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                return new Component(component.getName(), accessor);
            }).toList();
        }
    };

    /** A record component's name and accessor. */
    private record Component(String name, Method accessor) {
        Object value(Record view) {
            try {
                return accessor.invoke(view);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + name + " of " + view.getClass().getName(), e);
            }
        }
    }

    /** Every template rendered and every source read so far, in first-read order: what a run depended on. */
    public List<String> read() {
        return List.copyOf(read);
    }

    public boolean isOverridden(String template) {
        return overrideDirectory.map(d -> Files.isRegularFile(d.resolve(template))).orElse(false);
    }

    /** The source of a template as rendering will read it (the override if there is one), for fingerprints. */
    public byte[] source(String template) {
        try {
            if (isOverridden(template)) {
                byte[] bytes = Files.readAllBytes(overrideDirectory.get().resolve(template));
                read.add(template);
                return bytes;
            }
            try (InputStream in = TemplateRenderer.class.getClassLoader().getResourceAsStream(BUNDLED_ROOT + template)) {
                if (in == null) {
                    throw new TemplateException("no bundled template " + template, null);
                }
                byte[] bytes = in.readAllBytes();
                read.add(template);
                return bytes;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rendering failed: a template bug, a bad override, or an escaper refusing a value. */
    public static final class TemplateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TemplateException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
