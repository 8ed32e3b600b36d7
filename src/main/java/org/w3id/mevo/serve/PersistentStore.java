package org.w3id.mevo.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.jena.assembler.Assembler;
import org.apache.jena.fuseki.server.FusekiVocab;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.w3id.mevo.core.MevoException;
import org.w3id.mevo.publish.Release;

/**
 * The on-disk databases of persistent mode ({@code ./mevo serve --persistent}), in one data folder (default
 * {@code databases/}):
 * <pre>
 *   databases/lock                      held (OS file lock) by the server using this folder
 *   databases/CURRENT                   one line: the name of the database folder to serve
 *   databases/mevo-TIME-FINGERPRINT/    one complete database: tdb2/ (TDB2), lucene/ (jena-text index),
 *                                       database.properties (release fingerprint, quad count, when loaded)
 * </pre>
 * A release is always loaded into a NEW folder; only when the load (and the text index) committed completely and the
 * folder reopened cleanly is {@code CURRENT} replaced (write a temporary file, fsync, atomic rename, fsync the
 * folder). A folder that {@code CURRENT} does not name is never served: start-up deletes it, so a process killed in
 * the middle of a load leaves the previously published database in service, intact.
 */
public final class PersistentStore implements AutoCloseable {
    /** The assembler file of persistent mode, beside {@code mevo.ttl} in fuseki-config/. */
    public static final String CONFIG_FILE = "mevo-tdb2.ttl";
    public static final String CURRENT = "CURRENT";
    public static final String LOCK = "lock";
    public static final String INFO = "database.properties";
    public static final String PREFIX = "mevo-";
    /**
     * Test hook: milliseconds to wait inside the load's write transaction, after the last quad was read and before the
     * commit, so that a crash test can kill the process in the middle of a load. 0 (the default) in normal use.
     */
    public static final String LOAD_DELAY_PROPERTY = "mevo.test.loadDelayMs";

    private static final Pattern NAME = Pattern.compile("mevo-[A-Za-z0-9-]+");
    private static final String TDB2_NS = "http://jena.apache.org/2016/tdb#";
    private static final String TEXT_NS = "http://jena.apache.org/text#";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    /** One complete database folder and what was loaded into it. */
    public record Database(Path dir, String fingerprint, long quads) {
        public String name() { return dir.getFileName().toString(); }
    }

    private final Path dataDir;
    private final Model template;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private PersistentStore(Path dataDir, Model template, FileChannel lockChannel, FileLock lock) {
        this.dataDir = dataDir;
        this.template = template;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating it if needed) the data folder for exclusive use by this process, with the assembler file whose
     * one TDB2 location and one Lucene directory are pointed at each database folder in turn.
     */
    public static PersistentStore open(Path dataDir, Path configFile) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Model template = RDFDataMgr.loadModel(configFile.toString());
        Property location = template.createProperty(TDB2_NS, "location");
        Property directory = template.createProperty(TEXT_NS, "directory");
        if (template.listStatements(null, location, (RDFNode) null).toList().size() != 1)
            throw new MevoException(configFile + ": persistent mode needs exactly one TDB2 dataset (tdb2:location)");
        if (template.listStatements(null, directory, (RDFNode) null).toList().size() > 1)
            throw new MevoException(configFile + ": persistent mode supports at most one text index (text:directory)");
        if (template.listStatements(null, FusekiVocab.pDataset, (RDFNode) null).toList().size() != 1)
            throw new MevoException(configFile + ": persistent mode serves exactly one fuseki:Service with one fuseki:dataset");
        try {
            Files.createDirectories(dir);
            FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new MevoException(dir + " is in use by another MEVO server (" + dir.resolve(LOCK) + " is locked)");
            }
            return new PersistentStore(dir, template, ch, l);
        } catch (IOException e) {
            throw new MevoException("cannot open the data folder " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dataDir() { return dataDir; }

    /** The database {@code CURRENT} names, if it is there and complete. */
    public Optional<Database> current() {
        Path pointer = dataDir.resolve(CURRENT);
        if (!Files.isRegularFile(pointer)) return Optional.empty();
        try {
            String name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
            if (!NAME.matcher(name).matches()) return Optional.empty();
            return read(dataDir.resolve(name));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Database> read(Path dir) throws IOException {
        Path info = dir.resolve(INFO);
        if (!Files.isRegularFile(info) || !Files.isDirectory(dir.resolve("tdb2"))) return Optional.empty();
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(info, StandardCharsets.UTF_8)) { p.load(in); }
        String fp = p.getProperty("fingerprint");
        String quads = p.getProperty("quads");
        if (fp == null || quads == null) return Optional.empty();
        return Optional.of(new Database(dir, fp, Long.parseLong(quads)));
    }

    /**
     * Deletes every database folder except {@code keep} (incomplete loads, superseded databases) and any leftover
     * temporary pointer file. Returns what was deleted.
     */
    public List<Path> cleanup(Database keep) {
        List<Path> deleted = new ArrayList<>();
        try (Stream<Path> s = Files.list(dataDir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                boolean db = n.startsWith(PREFIX) && Files.isDirectory(p);
                boolean tmp = n.startsWith(CURRENT + ".tmp");
                if ((db && (keep == null || !p.equals(keep.dir()))) || tmp) {
                    org.w3id.mevo.core.FileTrees.delete(p);
                    deleted.add(p);
                }
            }
        } catch (IOException e) {
            throw new MevoException("cannot clean up " + dataDir + ": " + e.getMessage(), e);
        }
        return deleted;
    }

    /** The assembler description with the dataset and text index located in {@code db}'s folder. */
    public Model configFor(Path dbDir) {
        Model m = ModelFactory.createDefaultModel().add(template);
        m.setNsPrefixes(template.getNsPrefixMap());
        relocate(m, m.createProperty(TDB2_NS, "location"), dbDir.resolve("tdb2"));
        relocate(m, m.createProperty(TEXT_NS, "directory"), dbDir.resolve("lucene"));
        return m;
    }

    private static void relocate(Model m, Property p, Path to) {
        for (Statement st : m.listStatements(null, p, (RDFNode) null).toList()) {
            m.remove(st);
            m.add(st.getSubject(), p, to.toAbsolutePath().normalize().toString());
        }
    }

    /** Opens the database in {@code dbDir} (TDB2 and text index) through the assembler, as Fuseki would. */
    public DatasetGraph openDataset(Path dbDir) {
        Model m = configFor(dbDir);
        Resource root = m.listStatements(null, FusekiVocab.pDataset, (RDFNode) null).next().getObject().asResource();
        Dataset ds = (Dataset) Assembler.general().open(root);
        return ds.asDatasetGraph();
    }

    /** A database loaded aside and still open; {@link #publish} makes it the one {@code CURRENT} names. */
    public record Loaded(Database database, DatasetGraph dataset) {}

    /**
     * Loads the release into a NEW database folder: one write transaction for the quads (the text index is committed
     * with it), then checks the triple counts per graph against build-info.json and that the release did not change
     * meanwhile, and records what was loaded. The folder is not yet named by {@code CURRENT}. On any failure the folder
     * is removed and the exception rethrown.
     */
    public Loaded loadAside(Path releaseDir) {
        if (!Release.exists(releaseDir)) throw new MevoException(releaseDir + ": no published release to load");
        String fingerprint = Release.fingerprint(releaseDir);
        if (fingerprint == null) throw new MevoException(releaseDir + ": build-info.json has no fingerprint");
        String name = PREFIX + STAMP.format(java.time.Instant.now()) + "-" + fingerprint.substring(0, Math.min(12, fingerprint.length()));
        Path dir = dataDir.resolve(name);
        DatasetGraph dsg = null;
        try {
            Files.createDirectories(dir);
            dsg = openDataset(dir);
            long delay = Long.getLong(LOAD_DELAY_PROPERTY, 0L);
            ServedDataset.load(dsg, releaseDir, () -> pause(delay));
            DatasetGraph d = dsg;
            long quads = Txn.calculateRead(d, () -> count(d, Node.ANY));
            for (String[] g : new String[][] {{"asserted_triples", Release.ASSERTED}, {"inferred_triples", Release.INFERRED},
                    {"flat_triples", Release.FLAT}}) {
                long expected = Release.infoNumber(releaseDir, g[0]);
                long got = Txn.calculateRead(d, () -> count(d, NodeFactory.createURI(g[1])));
                if (expected >= 0 && expected != got)
                    throw new MevoException("load of " + releaseDir + " incomplete: graph " + g[1] + " has " + got
                            + " triples, build-info.json says " + expected);
            }
            if (!fingerprint.equals(Release.fingerprint(releaseDir)))
                throw new MevoException(releaseDir + " changed while it was being loaded (a build finished meanwhile); reload again");
            Properties p = new Properties();
            p.setProperty("fingerprint", fingerprint);
            p.setProperty("quads", Long.toString(quads));
            p.setProperty("loaded", java.time.Instant.now().toString());
            p.setProperty("release", releaseDir.toAbsolutePath().normalize().toString());
            var text = new java.io.StringWriter();
            p.store(text, "MEVO persistent database: what was loaded (complete only when databases/CURRENT names this folder)");
            writeDurably(dir.resolve(INFO), text.toString());
            fsyncDir(dir);
            fsyncDir(dataDir);
            return new Loaded(new Database(dir, fingerprint, quads), dsg);
        } catch (IOException e) {
            discard(dsg, dir);
            throw new MevoException("cannot load " + releaseDir + " into " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            discard(dsg, dir);
            throw e;
        }
    }

    private static void pause(long ms) {
        if (ms <= 0) return;
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MevoException("load interrupted");
        }
    }

    private static long count(DatasetGraph dsg, Node graph) {
        long n = 0;
        var it = graph == Node.ANY ? dsg.find() : dsg.find(graph, Node.ANY, Node.ANY, Node.ANY);
        while (it.hasNext()) { it.next(); n++; }
        return n;
    }

    /** Names {@code db} in {@code CURRENT}: temporary file, fsync, atomic rename over the old pointer, fsync the folder. */
    public void publish(Database db) {
        if (!db.dir().getParent().equals(dataDir)) throw new IllegalArgumentException(db.dir() + " is not in " + dataDir);
        Path tmp = dataDir.resolve(CURRENT + ".tmp");
        try {
            writeDurably(tmp, db.name() + "\n");
            Files.move(tmp, dataDir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE);
            fsyncDir(dataDir);
        } catch (IOException e) {
            throw new MevoException("cannot update " + dataDir.resolve(CURRENT) + ": " + e.getMessage(), e);
        }
    }

    /** Closes an open database (text index and TDB2) and forgets it in this JVM, so its folder can be deleted. */
    public static void closeDataset(DatasetGraph dsg) {
        if (dsg == null) return;
        DatasetGraph base = dsg;
        while (base instanceof DatasetGraphWrapper w && !TDBInternal.isTDB2(base)) base = w.getWrapped();
        try {
            dsg.close();
        } finally {
            if (TDBInternal.isTDB2(base)) TDBInternal.expel(base);
        }
    }

    /** Closes and deletes a database that will not be served. */
    public static void discard(DatasetGraph dsg, Path dir) {
        try {
            closeDataset(dsg);
        } catch (RuntimeException ignored) {
            // the folder goes anyway
        }
        org.w3id.mevo.core.FileTrees.delete(dir);
    }

    private static void writeDurably(Path file, String text) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
    }

    private static void fsyncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be synced; the rename itself is still atomic
        }
    }

    /** Releases the data folder's lock. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the OS drops the lock with the process anyway
        }
    }
}
