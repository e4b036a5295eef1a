package dev.specql.deploy.engine.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes generated files under a project root without losing anyone's edits.
 *
 * <p>Every decision is made first, then carried out, so a dry run reports exactly what a real run would do, and a
 * refusal (say, a symbolic link leaving the project) stops the run before anything is touched. The manifest is
 * written last: if a run dies half way, the files already written match the new content and come out UNCHANGED next
 * time.
 */
public final class OutputWriter {

    /** Suffix of the file that holds the new version of a file in conflict. */
    public static final String SIDE_SUFFIX = ".specql-new";

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final Path projectRoot;
    private final Path manifestFile;
    private final Path ignoreFile;

    /**
     * @param projectRoot  the directory generated paths are relative to
     * @param manifestFile where the manifest is kept, usually {@code <outputDir>/.specql-deploy-manifest}
     * @param ignoreFile   the user's ignore file, usually {@code <projectRoot>/.specql-deploy-ignore}; may be absent
     */
    public OutputWriter(Path projectRoot, Path manifestFile, Path ignoreFile) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.manifestFile = manifestFile.toAbsolutePath().normalize();
        this.ignoreFile = ignoreFile.toAbsolutePath().normalize();
    }

    /** The ignore file's text, or "" when there is none; callers fold it into their fingerprint. */
    public String ignoreFileContent() throws IOException {
        try {
            return Files.readString(ignoreFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /**
     * True when a run of {@code phases} with this {@code fingerprint} would change nothing: the manifest holds the same
     * fingerprint for these phases and every file they generated is on disk with its recorded hash. Only reads and
     * hashes; any doubt (unreadable manifest, odd file) answers false so that the real run reports it.
     */
    public boolean upToDate(Set<String> phases, String fingerprint) {
        String phaseKey = Manifest.phaseKey(phases);
        try {
            Manifest manifest = Manifest.read(manifestFile);
            if (!manifest.fingerprint(phaseKey).equals(Optional.of(fingerprint))) {
                return false;
            }
            PathGuard guard = new PathGuard(projectRoot.toRealPath());
            for (Manifest.Entry entry : manifest.entriesOf(phases)) {
                Path file = guard.resolve(entry.path());
                if (!Files.isRegularFile(file, NOFOLLOW)
                        || !Hashes.sha256(Files.readAllBytes(file)).equals(entry.hash())) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes {@code files}, all of which must belong to {@code phases}, and removes the untouched files these phases
     * generated before but no longer do.
     *
     * @param fingerprint recorded for the phase key so that {@link #upToDate} can skip an identical run next time
     * @throws IOException when a path is unsafe, the manifest is corrupt, or the disk refuses; in that case nothing was
     *                     written unless the disk failed part way
     */
    public WriteReport write(List<GeneratedFile> files, Set<String> phases, String fingerprint, WriteOptions options)
            throws IOException {
        String phaseKey = Manifest.phaseKey(phases);
        checkArguments(files, phases, fingerprint, options);
        Path root = projectRoot.toRealPath();
        String oldManifestText = readManifestText();
        Manifest old = oldManifestText == null ? Manifest.empty() : Manifest.parse(oldManifestText, manifestFile.toString());
        Run run = new Run(old, IgnoreRules.read(ignoreFile), new PathGuard(root), options);

        // Entries of the phases being run are rebuilt from what they generate now; other phases keep theirs.
        run.entries.values().removeIf(e -> phases.contains(e.phase()));
        Set<String> generated = new HashSet<>();
        for (GeneratedFile file : files.stream().sorted(Comparator.comparing(GeneratedFile::path)).toList()) {
            generated.add(file.path());
            run.plan(file);
        }
        for (Manifest.Entry entry : old.entriesOf(phases)) {
            if (!generated.contains(entry.path())) {
                run.planObsolete(entry);
            }
        }

        TreeMap<String, String> fingerprints = new TreeMap<>(old.fingerprints());
        // A run rewrites the files of its phases, so any other key sharing a phase no longer describes the disk.
        fingerprints.keySet().removeIf(key -> Arrays.stream(key.split("\\+")).anyMatch(phases::contains));
        fingerprints.put(phaseKey, fingerprint);
        String newManifestText = new Manifest(run.entries, fingerprints).format();

        if (!options.dryRun()) {
            for (Operation operation : run.operations) {
                operation.apply();
            }
            if (!newManifestText.equals(oldManifestText)) {
                AtomicFiles.write(manifestFile, newManifestText.getBytes(StandardCharsets.UTF_8), FileMode.REGULAR);
            }
        }
        return new WriteReport(run.results, options.dryRun());
    }

    private void checkArguments(List<GeneratedFile> files, Set<String> phases, String fingerprint, WriteOptions options) {
        Objects.requireNonNull(options, "options");
        if (fingerprint == null || fingerprint.isEmpty() || fingerprint.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("invalid fingerprint '" + fingerprint + "': must be non-empty without spaces");
        }
        Set<String> paths = new HashSet<>();
        for (GeneratedFile file : files) {
            if (!phases.contains(file.phase())) {
                throw new IllegalArgumentException(file.path() + " belongs to phase '" + file.phase()
                        + "', which is not among the phases being run " + new TreeSet<>(phases));
            }
            if (!paths.add(file.path())) {
                throw new IllegalArgumentException(file.path() + " is generated twice");
            }
            if (file.path().endsWith(SIDE_SUFFIX)) {
                throw new IllegalArgumentException(file.path() + " ends in " + SIDE_SUFFIX + ", which marks conflict copies");
            }
            Path target = projectRoot.resolve(file.path());
            if (target.equals(manifestFile) || target.equals(ignoreFile)) {
                throw new IllegalArgumentException(file.path() + " would overwrite the manifest or the ignore file");
            }
        }
        // Caught here because otherwise it would surface half way through writing.
        for (String path : paths) {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                if (paths.contains(path.substring(0, slash))) {
                    throw new IllegalArgumentException(path.substring(0, slash) + " is generated as a file but "
                            + path + " needs it to be a directory");
                }
            }
        }
    }

    private String readManifestText() throws IOException {
        try {
            return Manifest.decode(Files.readAllBytes(manifestFile), manifestFile);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** One change to carry out once every decision has been made. */
    @FunctionalInterface
    private interface Operation {
        void apply() throws IOException;
    }

    /** The decisions of one write: results, the disk operations behind them, and the manifest being built. */
    private final class Run {

        private final Manifest old;
        private final IgnoreRules ignore;
        private final PathGuard guard;
        private final WriteOptions options;
        private final TreeMap<String, Manifest.Entry> entries;
        private final List<FileResult> results = new ArrayList<>();
        private final List<Operation> operations = new ArrayList<>();

        Run(Manifest old, IgnoreRules ignore, PathGuard guard, WriteOptions options) {
            this.old = old;
            this.ignore = ignore;
            this.guard = guard;
            this.options = options;
            this.entries = new TreeMap<>(old.entries());
        }

        void plan(GeneratedFile file) throws IOException {
            String path = file.path();
            Optional<IgnoreRules.Rule> rule = ignore.ignoringRule(path);
            if (rule.isPresent()) {
                // The user owns an ignored file: forget our hash so it is never treated as ours again.
                entries.remove(path);
                results.add(result(path, Action.IGNORED, "listed in " + ignoreFile.getFileName() + " ("
                        + rule.get().describe() + ")", null, null));
                return;
            }
            Path target = guard.resolve(path);
            byte[] content = file.content().getBytes(StandardCharsets.UTF_8);
            entries.put(path, new Manifest.Entry(path, file.phase(), Hashes.sha256(content)));

            if (!Files.exists(target, NOFOLLOW)) {
                write(target, content, file.mode());
                String detail = cleanSideFile(path, target, "new file");
                results.add(result(path, Action.CREATE, detail, null, diff(path, "", file.content())));
                return;
            }
            if (!Files.isRegularFile(target, NOFOLLOW)) {
                String what = Files.isSymbolicLink(target)
                        ? "is a symbolic link, which specql-deploy never writes through"
                        : "is not a regular file";
                conflict(file, target, content, what + "; new version written beside it", null);
                return;
            }
            byte[] disk = Files.readAllBytes(target);
            if (Arrays.equals(disk, content)) {
                unchanged(file, target);
                return;
            }
            String before = new String(disk, StandardCharsets.UTF_8);
            Optional<Manifest.Entry> recorded = old.entry(path);
            boolean untouched = recorded.isPresent() && recorded.get().hash().equals(Hashes.sha256(disk));
            if (untouched || options.force()) {
                write(target, content, file.mode());
                String why = untouched ? "regenerated"
                        : recorded.isPresent() ? "forced over local edits"
                        : "forced over a file not generated by specql-deploy";
                results.add(result(path, Action.UPDATE, cleanSideFile(path, target, why), null,
                        diff(path, before, file.content())));
            } else if (recorded.isPresent()) {
                conflict(file, target, content, "edited since last generation; new version written beside it", before);
            } else {
                // Never ours: recording our hash would call it "edited since last generation" on the next run.
                entries.remove(path);
                conflict(file, target, content, "not generated by specql-deploy; new version written beside it (list it in "
                        + ignoreFile.getFileName() + " to keep yours without this notice)", before);
            }
        }

        private void unchanged(GeneratedFile file, Path target) throws IOException {
            // Same bytes: leave the file alone so its timestamps do not move, but an entrypoint that lost its
            // executable bit (a checkout on a file system without one, say) would break the image.
            if (file.mode() == FileMode.EXECUTABLE && AtomicFiles.supportsPosix(target)
                    && !Files.getPosixFilePermissions(target).contains(PosixFilePermission.OWNER_EXECUTE)) {
                operations.add(() -> Files.setPosixFilePermissions(target, AtomicFiles.EXECUTABLE));
                results.add(result(file.path(), Action.UPDATE,
                        cleanSideFile(file.path(), target, "made executable; content unchanged"), null, null));
            } else {
                results.add(result(file.path(), Action.UNCHANGED, cleanSideFile(file.path(), target, "up to date"),
                        null, null));
            }
        }

        private void conflict(GeneratedFile file, Path target, byte[] content, String detail, String before)
                throws IOException {
            String sidePath = file.path() + SIDE_SUFFIX;
            Path side = target.resolveSibling(target.getFileName() + SIDE_SUFFIX);
            boolean sideCurrent = Files.isRegularFile(side, NOFOLLOW) && Arrays.equals(Files.readAllBytes(side), content);
            if (!sideCurrent) {
                write(side, content, file.mode());
            }
            String diff = before == null ? null : diff(file.path(), before, file.content());
            results.add(result(file.path(), Action.CONFLICT, detail, sidePath, diff));
        }

        void planObsolete(Manifest.Entry entry) throws IOException {
            String path = entry.path();
            entries.remove(path);
            Optional<IgnoreRules.Rule> rule = ignore.ignoringRule(path);
            if (rule.isPresent()) {
                results.add(result(path, Action.IGNORED, "no longer generated; left alone because it is listed in "
                        + ignoreFile.getFileName() + " (" + rule.get().describe() + ")", null, null));
                return;
            }
            Path target = guard.resolve(path);
            if (!Files.exists(target, NOFOLLOW)) {
                return;
            }
            if (!Files.isRegularFile(target, NOFOLLOW)) {
                results.add(result(path, Action.CONFLICT,
                        "no longer generated; kept because it is no longer a regular file", null, null));
                return;
            }
            byte[] disk = Files.readAllBytes(target);
            boolean untouched = Hashes.sha256(disk).equals(entry.hash());
            if (untouched || options.force()) {
                operations.add(() -> Files.delete(target));
                String why = untouched ? "no longer generated" : "no longer generated; deleted despite local edits (forced)";
                results.add(result(path, Action.DELETE, cleanSideFile(path, target, why), null,
                        diff(path, new String(disk, StandardCharsets.UTF_8), "")));
            } else {
                results.add(result(path, Action.CONFLICT, "no longer generated; kept because it was edited", null, null));
            }
        }

        /** Schedules removal of a conflict copy left by an earlier run, and says so in the detail. */
        private String cleanSideFile(String path, Path target, String detail) {
            Path side = target.resolveSibling(target.getFileName() + SIDE_SUFFIX);
            if (!Files.exists(side, NOFOLLOW)) {
                return detail;
            }
            operations.add(() -> Files.deleteIfExists(side));
            return detail + "; removed leftover " + lastSegment(path) + SIDE_SUFFIX;
        }

        private void write(Path target, byte[] content, FileMode mode) {
            operations.add(() -> AtomicFiles.write(target, content, mode));
        }

        private String diff(String path, String before, String after) {
            return options.diff() ? UnifiedDiff.of(path, before, after) : null;
        }
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static FileResult result(String path, Action action, String detail, String sideFile, String diff) {
        return new FileResult(path, action, detail, Optional.ofNullable(sideFile), Optional.ofNullable(diff));
    }
}
