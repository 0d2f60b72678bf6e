package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Column sets as MySQL 8.4 and MariaDB 10.11 print them for SHOW REPLICA STATUS (abridged to what is read). */
class ReplicaStatusTest {

    @Test
    void readsMySqlSourceColumns() {
        Map<String, String> row = new HashMap<>();
        row.put("Replica_IO_State", "Waiting for source to send event");
        row.put("Replica_IO_Running", "Yes");
        row.put("Replica_SQL_Running", "Yes");
        row.put("Seconds_Behind_Source", "3");
        row.put("Last_IO_Error", "");
        row.put("Last_SQL_Error", "");
        row.put("Retrieved_Gtid_Set", "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
        ReplicaStatus status = ReplicaStatus.of(row);
        assertTrue(status.ioThreadRunning());
        assertTrue(status.sqlThreadRunning());
        assertEquals(3L, status.secondsBehind());
    }

    @Test
    void readsMariaDbMasterColumns() {
        Map<String, String> row = new HashMap<>();
        row.put("Slave_IO_State", "Waiting for master to send event");
        row.put("Slave_IO_Running", "Yes");
        row.put("Slave_SQL_Running", "No");
        row.put("Seconds_Behind_Master", null);
        row.put("Last_IO_Error", "");
        row.put("Last_SQL_Error", "Error 'Duplicate entry' on query");
        row.put("Using_Gtid", "Slave_Pos");
        row.put("Gtid_IO_Pos", "0-1-42");
        ReplicaStatus status = ReplicaStatus.of(row);
        assertTrue(status.ioThreadRunning());
        assertFalse(status.sqlThreadRunning());
        assertNull(status.secondsBehind());
        assertEquals("Error 'Duplicate entry' on query", status.lastSqlError());
    }

    @Test
    void anIoThreadThatIsConnectingIsNotRunning() {
        Map<String, String> row = new HashMap<>();
        row.put("Slave_IO_Running", "Connecting");
        row.put("Slave_SQL_Running", "Yes");
        row.put("Seconds_Behind_Master", "0");
        row.put("Last_IO_Error", "error reconnecting to master 'repl@127.0.0.1:3306'");
        ReplicaStatus status = ReplicaStatus.of(row);
        assertFalse(status.ioThreadRunning());
        assertEquals(0L, status.secondsBehind());
    }
}
