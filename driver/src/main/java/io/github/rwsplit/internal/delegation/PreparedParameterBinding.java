package io.github.rwsplit.internal.delegation;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * The parameter setters of a prepared statement, recorded instead of applied: each setter captures its value as a
 * {@link ParameterBinding} that can be applied to any physical statement later, as many times as needed (a retry on
 * another node, or the next execution). Values read from a stream or reader can be consumed only once and go through
 * {@link #bindOnce}.
 */
public interface PreparedParameterBinding extends PreparedStatement {

    /** Records a value that can be applied again. */
    void bind(int parameterIndex, ParameterBinding binding) throws SQLException;

    /** Records a value that is consumed when applied (a stream or reader). */
    void bindOnce(int parameterIndex, ParameterBinding binding) throws SQLException;

    @Override
    default void setBoolean(int parameterIndex, boolean x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setBoolean(index, x));
    }

    @Override
    default void setByte(int parameterIndex, byte x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setByte(index, x));
    }

    @Override
    default void setShort(int parameterIndex, short x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setShort(index, x));
    }

    @Override
    default void setInt(int parameterIndex, int x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setInt(index, x));
    }

    @Override
    default void setLong(int parameterIndex, long x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setLong(index, x));
    }

    @Override
    default void setFloat(int parameterIndex, float x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setFloat(index, x));
    }

    @Override
    default void setDouble(int parameterIndex, double x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setDouble(index, x));
    }

    @Override
    default void setURL(int parameterIndex, URL x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setURL(index, x));
    }

    @Override
    default void setArray(int parameterIndex, Array x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setArray(index, x));
    }

    @Override
    default void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setTime(index, x, cal));
    }

    @Override
    default void setTime(int parameterIndex, Time x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setTime(index, x));
    }

    @Override
    default void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setDate(index, x, cal));
    }

    @Override
    default void setDate(int parameterIndex, Date x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setDate(index, x));
    }

    @Override
    default void setNull(int parameterIndex, int sqlType) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setNull(index, sqlType));
    }

    @Override
    default void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setNull(index, sqlType, typeName));
    }

    @Override
    default void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setBigDecimal(index, x));
    }

    @Override
    default void setString(int parameterIndex, String x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setString(index, x));
    }

    @Override
    default void setBytes(int parameterIndex, byte[] x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setBytes(index, x));
    }

    @Override
    default void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setTimestamp(index, x, cal));
    }

    @Override
    default void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setTimestamp(index, x));
    }

    @Override
    default void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setAsciiStream(index, x));
    }

    @Override
    default void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setAsciiStream(index, x, length));
    }

    @Override
    default void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setAsciiStream(index, x, length));
    }

    @Deprecated
    @Override
    default void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setUnicodeStream(index, x, length));
    }

    @Override
    default void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setBinaryStream(index, x));
    }

    @Override
    default void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setBinaryStream(index, x, length));
    }

    @Override
    default void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setBinaryStream(index, x, length));
    }

    @Override
    default void setObject(int parameterIndex, Object x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setObject(index, x));
    }

    @Override
    default void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setObject(index, x, targetSqlType, scaleOrLength));
    }

    @Override
    default void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setObject(index, x, targetSqlType, scaleOrLength));
    }

    @Override
    default void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setObject(index, x, targetSqlType));
    }

    @Override
    default void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setObject(index, x, targetSqlType));
    }

    @Override
    default void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setCharacterStream(index, reader, length));
    }

    @Override
    default void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setCharacterStream(index, reader));
    }

    @Override
    default void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setCharacterStream(index, reader, length));
    }

    @Override
    default void setRef(int parameterIndex, Ref x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setRef(index, x));
    }

    @Override
    default void setBlob(int parameterIndex, Blob x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setBlob(index, x));
    }

    @Override
    default void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setBlob(index, inputStream));
    }

    @Override
    default void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setBlob(index, inputStream, length));
    }

    @Override
    default void setClob(int parameterIndex, Clob x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setClob(index, x));
    }

    @Override
    default void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setClob(index, reader, length));
    }

    @Override
    default void setClob(int parameterIndex, Reader reader) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setClob(index, reader));
    }

    @Override
    default void setRowId(int parameterIndex, RowId x) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setRowId(index, x));
    }

    @Override
    default void setNString(int parameterIndex, String value) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setNString(index, value));
    }

    @Override
    default void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setNCharacterStream(index, value));
    }

    @Override
    default void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setNCharacterStream(index, value, length));
    }

    @Override
    default void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setNClob(index, reader, length));
    }

    @Override
    default void setNClob(int parameterIndex, Reader reader) throws SQLException {
        bindOnce(parameterIndex, (statement, index) -> statement.setNClob(index, reader));
    }

    @Override
    default void setNClob(int parameterIndex, NClob value) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setNClob(index, value));
    }

    @Override
    default void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        bind(parameterIndex, (statement, index) -> statement.setSQLXML(index, xmlObject));
    }
}
