package io.github.rwsplit.testcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ServerVersionTest {

    @Test
    void mariaDbNamesItselfInItsVersion() {
        assertEquals(new ServerVersion(ServerFamily.MARIADB, 10, 11, "10.11.5-MariaDB-log"),
                ServerVersion.parse("10.11.5-MariaDB-log"));
        assertEquals(new ServerVersion(ServerFamily.MARIADB, 11, 4, "11.4.5-MariaDB"),
                ServerVersion.parse("11.4.5-MariaDB"));
    }

    @Test
    void aVersionWithoutMariaDbIsMySql() {
        assertEquals(new ServerVersion(ServerFamily.MYSQL, 8, 4, "8.4.3"), ServerVersion.parse("8.4.3"));
        assertEquals(new ServerVersion(ServerFamily.MYSQL, 9, 1, "9.1.0-commercial"),
                ServerVersion.parse("9.1.0-commercial"));
    }

    @Test
    void textWithoutMajorAndMinorIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ServerVersion.parse("MariaDB"));
    }
}
