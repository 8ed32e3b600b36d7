package org.w3id.mevo.curate.imports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.w3id.mevo.core.MevoException;

final class Sqlite {
    private Sqlite() {}

    static Connection open(Path file) {
        if (!Files.isRegularFile(file)) throw new MevoException(file + ": SQLite file not found");
        try {
            var p = new java.util.Properties();
            p.setProperty("open_mode", "1"); // read-only
            return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p);
        } catch (SQLException e) {
            throw new MevoException(file + ": cannot open as SQLite: " + e.getMessage(), e);
        }
    }

    static void close(Connection c) {
        try { c.close(); } catch (SQLException ignored) { }
    }
}
