package dev.specql.deploy.model.framework;

import dev.specql.deploy.model.Location;
import dev.specql.deploy.model.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python app's dependencies as its own files declare them, read the way pip, uv and Poetry read them. Package
 * names are normalised as PEP 503 compares them ("Django_Environ" is "django-environ").
 */
final class PythonDependencies {

    /** Where pip-style apps keep their production requirements, in the order a file is preferred. */
    static final List<String> REQUIREMENTS_FILES = List.of("requirements.txt", "requirements/production.txt",
            "requirements/prod.txt", "requirements-production.txt", "requirements-prod.txt", "requirements/base.txt");

    private static final Pattern INCLUDE = Pattern.compile("^(-r|-c|--requirement|--constraint)(?:\\s*=\\s*|\\s+|(?<=^-[rc]))(\\S+)");
    /** A requirement's project name, followed by extras, a version, a marker, a URL or an option such as --hash. */
    private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?=\\s|[\\[<>=!~;@(]|$)");
    private static final Pattern SECTION = Pattern.compile("^\\s*\\[\\s*([^]]+?)\\s*]\\s*(?:#.*)?$");
    private static final Pattern TOML_KEY = Pattern.compile("^\\s*[\"']?([A-Za-z0-9][A-Za-z0-9._-]*)[\"']?\\s*=");
    private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']*)[\"']");
    private static final Pattern LOCKED_NAME = Pattern.compile("^name\\s*=\\s*\"([^\"]+)\"");

    private PythonDependencies() {
    }

    /**
     * What the dependency files say before the spec is read: the package manager (uv when uv.lock exists, else pip
     * when a requirements file does), the requirements file, and the packages declared.
     */
    record Declared(List<Detected> values, Map<String, Location> packages) {
    }

    static Optional<Declared> declared(ProjectFiles project) {
        if (project.read("uv.lock").isPresent()) {
            return Optional.of(new Declared(List.of(new Detected("application.package_manager", "uv", new Location("uv.lock", 1, 1))),
                    uvLock(project)));
        }
        return REQUIREMENTS_FILES.stream().filter(file -> project.read(file).isPresent()).findFirst().map(root -> {
            Location at = new Location(root, 1, 1);
            return new Declared(List.of(new Detected("application.package_manager", "pip", at),
                    new Detected("application.requirements_file", root, at)), requirements(project, root).packages());
        });
    }

    /** "Django_Environ" and "django.environ" are both "django-environ". */
    static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /**
     * A requirements file and every file it includes ({@code -r}) or constrains with ({@code -c}), as pip reads them.
     *
     * @param files    each file read, with where it was named: the root at line 1 of itself, an include at its line
     * @param packages each package a requirement (not a constraint) names, at its first declaration
     * @param problems includes that point outside the project or at nothing
     */
    record RequirementsTree(Map<String, Location> files, Map<String, Location> packages, List<Problem> problems) {
    }

    static RequirementsTree requirements(ProjectFiles project, String root) {
        Map<String, Location> files = new LinkedHashMap<>();
        Map<String, Location> packages = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        record Pending(String path, Location namedAt, boolean constraints) {
        }
        Deque<Pending> pending = new ArrayDeque<>(List.of(new Pending(root, new Location(root, 1, 1), false)));
        while (!pending.isEmpty()) {
            Pending file = pending.removeFirst();
            if (files.containsKey(file.path())) {
                continue;
            }
            Optional<String> text = project.read(file.path());
            if (text.isEmpty()) {
                if (!file.path().equals(root)) {
                    problems.add(Problem.of(file.namedAt(), "application.requirements_file", file.path() + ", which "
                            + file.namedAt().file() + " includes, does not exist in the project", "fix the include, or add the file"));
                }
                continue;
            }
            files.put(file.path(), file.namedAt());
            List<String> lines = logicalLines(text.get());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line == null) {
                    continue;
                }
                Location at = new Location(file.path(), i + 1, 1);
                Matcher include = INCLUDE.matcher(line);
                if (include.find()) {
                    Optional<String> target = resolve(file.path(), include.group(2));
                    if (target.isEmpty()) {
                        problems.add(Problem.of(at, "application.requirements_file", file.path() + " includes "
                                + include.group(2) + ", which is not a file inside the project, where the image build can read it",
                                "include a file inside the project"));
                    } else {
                        boolean constraints = include.group(1).startsWith("-c") || include.group(1).equals("--constraint");
                        pending.addLast(new Pending(target.get(), at, file.constraints() || constraints));
                    }
                    continue;
                }
                Matcher name = NAME.matcher(line);
                if (!file.constraints() && !line.startsWith("-") && name.find()) {
                    packages.putIfAbsent(normalized(name.group(1)), at);
                }
            }
        }
        return new RequirementsTree(files, packages, problems);
    }

    /**
     * The file's lines without comments, with pip's backslash continuations joined onto their first line; a joined
     * line's followers read as null so that indexes stay line numbers.
     */
    private static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder joined = null;
        int start = 0;
        for (String line : text.lines().toList()) {
            String content = line.replaceFirst("(^|\\s)#.*$", "").strip();
            boolean continues = content.endsWith("\\");
            String part = continues ? content.substring(0, content.length() - 1) : content;
            if (joined == null) {
                start = lines.size();
                joined = new StringBuilder(part);
            } else {
                joined.append(' ').append(part);
            }
            lines.add(null);
            if (!continues) {
                String logical = joined.toString().strip();
                lines.set(start, logical.isEmpty() ? null : logical);
                joined = null;
            }
        }
        return lines;
    }

    /** An include's path, relative to the including file as pip resolves it, if it stays inside the project. */
    static Optional<String> resolve(String includingFile, String include) {
        if (include.contains("://") || include.startsWith("/") || include.contains("\\")) {
            return Optional.empty();
        }
        int slash = includingFile.lastIndexOf('/');
        Deque<String> parts = new ArrayDeque<>();
        if (slash > 0) {
            parts.addAll(List.of(includingFile.substring(0, slash).split("/")));
        }
        for (String part : include.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
    }

    /** pyproject.toml's PEP 621 dependencies, or else Poetry's, each at its line. */
    static Map<String, Location> pyproject(ProjectFiles project) {
        Map<String, Location> packages = new LinkedHashMap<>();
        project.read("pyproject.toml").ifPresent(text -> {
            List<String> lines = text.lines().toList();
            String section = "";
            boolean inArray = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).replaceFirst("\\s#.*$", "");
                Matcher header = SECTION.matcher(line);
                if (!inArray && header.matches()) {
                    section = header.group(1);
                    continue;
                }
                Location at = new Location("pyproject.toml", i + 1, 1);
                if (section.equals("project") && (inArray || line.matches("^\\s*dependencies\\s*=\\s*\\[.*"))) {
                    String values = inArray ? line : line.substring(line.indexOf('[') + 1);
                    QUOTED.matcher(values).results().map(m -> NAME.matcher(m.group(1).strip()))
                            .filter(Matcher::find).forEach(m -> packages.putIfAbsent(normalized(m.group(1)), at));
                    inArray = !values.contains("]");
                } else if (section.equals("tool.poetry.dependencies")) {
                    Matcher key = TOML_KEY.matcher(line);
                    if (key.find() && !key.group(1).equals("python")) {
                        packages.putIfAbsent(normalized(key.group(1)), at);
                    }
                }
            }
        });
        return packages;
    }

    /** Every package uv.lock resolved, at its name line. */
    static Map<String, Location> uvLock(ProjectFiles project) {
        Map<String, Location> packages = new LinkedHashMap<>();
        project.read("uv.lock").ifPresent(text -> {
            List<String> lines = text.lines().toList();
            for (int i = 1; i < lines.size(); i++) {
                Matcher name = LOCKED_NAME.matcher(lines.get(i));
                if (lines.get(i - 1).strip().equals("[[package]]") && name.find()) {
                    packages.putIfAbsent(normalized(name.group(1)), new Location("uv.lock", i + 1, 1));
                }
            }
        });
        return packages;
    }

    /** The names of {@code packages} among {@code names}, in the order of {@code names}. */
    static Set<String> present(Map<String, Location> packages, List<String> names) {
        Set<String> found = new LinkedHashSet<>();
        names.stream().filter(packages::containsKey).forEach(found::add);
        return found;
    }
}
