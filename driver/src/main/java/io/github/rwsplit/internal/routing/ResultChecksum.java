package io.github.rwsplit.internal.routing;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * A 64-bit checksum of the rows of one result set that the application received, in order: every column value as the
 * server sent it (text, or bytes for binary columns), with a marker for NULL, the length of each value and the end of
 * each row, so that rows, columns and values cannot run into each other. Two results are taken as equal when they
 * have the same number of rows and the same checksum.
 */
final class ResultChecksum {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int NULL_VALUE = 0x4e;
    private static final int VALUE = 0x56;
    private static final int ROW_END = 0x52;

    private long hash = FNV_OFFSET;
    private long rows;

    /** Which columns are binary and hashed as bytes; the others as the text the driver gives. */
    static boolean[] binaryColumns(ResultSet results) throws SQLException {
        ResultSetMetaData metaData = results.getMetaData();
        boolean[] binary = new boolean[metaData.getColumnCount()];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = switch (metaData.getColumnType(i + 1)) {
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> true;
                default -> false;
            };
        }
        return binary;
    }

    /** Adds the row {@code results} is on. */
    void row(ResultSet results, boolean[] binary) throws SQLException {
        for (int i = 0; i < binary.length; i++) {
            if (binary[i]) {
                bytes(results.getBytes(i + 1));
            } else {
                text(results.getString(i + 1));
            }
        }
        mix(ROW_END);
        rows++;
    }

    private void bytes(byte[] value) {
        if (value == null) {
            mix(NULL_VALUE);
            return;
        }
        mix(VALUE);
        length(value.length);
        for (byte b : value) {
            mix(b & 0xff);
        }
    }

    private void text(String value) {
        if (value == null) {
            mix(NULL_VALUE);
            return;
        }
        mix(VALUE);
        length(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            mix(c >>> 8);
            mix(c & 0xff);
        }
    }

    private void length(int length) {
        mix(length >>> 24);
        mix((length >>> 16) & 0xff);
        mix((length >>> 8) & 0xff);
        mix(length & 0xff);
    }

    private void mix(int octet) {
        hash = (hash ^ octet) * FNV_PRIME;
    }

    long rows() {
        return rows;
    }

    /** The checksum, its bits spread by a final avalanche so that near inputs give far values. */
    long value() {
        long h = hash ^ rows;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    boolean sameAs(ResultChecksum other) {
        return rows == other.rows && value() == other.value();
    }
}
