package io.github.rwsplit.internal.delegation;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * The CallableStatement-only methods of a logical callable statement: OUT parameters are read from the physical
 * statement that executed ({@link #outputs()}); named parameters and OUT registrations are recorded and applied to
 * every physical statement prepared for an execution.
 */
public interface CallableParameterDelegation extends CallableStatement {

    /** Applies one named parameter value to a physical callable statement. */
    @FunctionalInterface
    interface NamedParameterBinding {
        void apply(CallableStatement statement, String parameterName) throws SQLException;
    }

    /** Applies one OUT parameter registration to a physical callable statement. */
    @FunctionalInterface
    interface OutParameterRegistration {
        void apply(CallableStatement statement) throws SQLException;
    }

    /** The physical statement of the last execution, whose OUT parameters can be read. */
    CallableStatement outputs() throws SQLException;

    /** Records a named value that can be applied again. */
    void bindNamed(String parameterName, NamedParameterBinding binding) throws SQLException;

    /** Records a named value that is consumed when applied (a stream or reader). */
    void bindNamedOnce(String parameterName, NamedParameterBinding binding) throws SQLException;

    /** Records an OUT parameter registration. */
    void registerOut(OutParameterRegistration registration) throws SQLException;

    @Override
    default boolean getBoolean(int parameterIndex) throws SQLException {
        return outputs().getBoolean(parameterIndex);
    }

    @Override
    default boolean getBoolean(String parameterName) throws SQLException {
        return outputs().getBoolean(parameterName);
    }

    @Override
    default byte getByte(int parameterIndex) throws SQLException {
        return outputs().getByte(parameterIndex);
    }

    @Override
    default byte getByte(String parameterName) throws SQLException {
        return outputs().getByte(parameterName);
    }

    @Override
    default short getShort(String parameterName) throws SQLException {
        return outputs().getShort(parameterName);
    }

    @Override
    default short getShort(int parameterIndex) throws SQLException {
        return outputs().getShort(parameterIndex);
    }

    @Override
    default int getInt(int parameterIndex) throws SQLException {
        return outputs().getInt(parameterIndex);
    }

    @Override
    default int getInt(String parameterName) throws SQLException {
        return outputs().getInt(parameterName);
    }

    @Override
    default long getLong(String parameterName) throws SQLException {
        return outputs().getLong(parameterName);
    }

    @Override
    default long getLong(int parameterIndex) throws SQLException {
        return outputs().getLong(parameterIndex);
    }

    @Override
    default float getFloat(String parameterName) throws SQLException {
        return outputs().getFloat(parameterName);
    }

    @Override
    default float getFloat(int parameterIndex) throws SQLException {
        return outputs().getFloat(parameterIndex);
    }

    @Override
    default double getDouble(String parameterName) throws SQLException {
        return outputs().getDouble(parameterName);
    }

    @Override
    default double getDouble(int parameterIndex) throws SQLException {
        return outputs().getDouble(parameterIndex);
    }

    @Override
    default byte[] getBytes(int parameterIndex) throws SQLException {
        return outputs().getBytes(parameterIndex);
    }

    @Override
    default byte[] getBytes(String parameterName) throws SQLException {
        return outputs().getBytes(parameterName);
    }

    @Override
    default void setBoolean(String parameterName, boolean x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setBoolean(name, x));
    }

    @Override
    default void setByte(String parameterName, byte x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setByte(name, x));
    }

    @Override
    default void setShort(String parameterName, short x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setShort(name, x));
    }

    @Override
    default void setInt(String parameterName, int x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setInt(name, x));
    }

    @Override
    default void setLong(String parameterName, long x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setLong(name, x));
    }

    @Override
    default void setFloat(String parameterName, float x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setFloat(name, x));
    }

    @Override
    default void setDouble(String parameterName, double x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setDouble(name, x));
    }

    @Override
    default <T> T getObject(String parameterName, Class<T> type) throws SQLException {
        return outputs().getObject(parameterName, type);
    }

    @Override
    default Object getObject(String parameterName) throws SQLException {
        return outputs().getObject(parameterName);
    }

    @Override
    default Object getObject(String parameterName, Map<String, Class<?>> map) throws SQLException {
        return outputs().getObject(parameterName, map);
    }

    @Override
    default <T> T getObject(int parameterIndex, Class<T> type) throws SQLException {
        return outputs().getObject(parameterIndex, type);
    }

    @Override
    default Object getObject(int parameterIndex, Map<String, Class<?>> map) throws SQLException {
        return outputs().getObject(parameterIndex, map);
    }

    @Override
    default Object getObject(int parameterIndex) throws SQLException {
        return outputs().getObject(parameterIndex);
    }

    @Override
    default Ref getRef(int parameterIndex) throws SQLException {
        return outputs().getRef(parameterIndex);
    }

    @Override
    default Ref getRef(String parameterName) throws SQLException {
        return outputs().getRef(parameterName);
    }

    @Override
    default Array getArray(int parameterIndex) throws SQLException {
        return outputs().getArray(parameterIndex);
    }

    @Override
    default Array getArray(String parameterName) throws SQLException {
        return outputs().getArray(parameterName);
    }

    @Override
    default void setURL(String parameterName, URL val) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setURL(name, val));
    }

    @Override
    default Timestamp getTimestamp(String parameterName) throws SQLException {
        return outputs().getTimestamp(parameterName);
    }

    @Override
    default Timestamp getTimestamp(String parameterName, Calendar cal) throws SQLException {
        return outputs().getTimestamp(parameterName, cal);
    }

    @Override
    default Timestamp getTimestamp(int parameterIndex, Calendar cal) throws SQLException {
        return outputs().getTimestamp(parameterIndex, cal);
    }

    @Override
    default Timestamp getTimestamp(int parameterIndex) throws SQLException {
        return outputs().getTimestamp(parameterIndex);
    }

    @Override
    default String getString(int parameterIndex) throws SQLException {
        return outputs().getString(parameterIndex);
    }

    @Override
    default String getString(String parameterName) throws SQLException {
        return outputs().getString(parameterName);
    }

    @Override
    default BigDecimal getBigDecimal(String parameterName) throws SQLException {
        return outputs().getBigDecimal(parameterName);
    }

    @Override
    default BigDecimal getBigDecimal(int parameterIndex) throws SQLException {
        return outputs().getBigDecimal(parameterIndex);
    }

    @Deprecated
    @Override
    default BigDecimal getBigDecimal(int parameterIndex, int scale) throws SQLException {
        return outputs().getBigDecimal(parameterIndex, scale);
    }

    @Override
    default Time getTime(int parameterIndex) throws SQLException {
        return outputs().getTime(parameterIndex);
    }

    @Override
    default Time getTime(String parameterName) throws SQLException {
        return outputs().getTime(parameterName);
    }

    @Override
    default Time getTime(int parameterIndex, Calendar cal) throws SQLException {
        return outputs().getTime(parameterIndex, cal);
    }

    @Override
    default Time getTime(String parameterName, Calendar cal) throws SQLException {
        return outputs().getTime(parameterName, cal);
    }

    @Override
    default void setTime(String parameterName, Time x, Calendar cal) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setTime(name, x, cal));
    }

    @Override
    default void setTime(String parameterName, Time x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setTime(name, x));
    }

    @Override
    default void setDate(String parameterName, Date x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setDate(name, x));
    }

    @Override
    default void setDate(String parameterName, Date x, Calendar cal) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setDate(name, x, cal));
    }

    @Override
    default Date getDate(String parameterName) throws SQLException {
        return outputs().getDate(parameterName);
    }

    @Override
    default Date getDate(String parameterName, Calendar cal) throws SQLException {
        return outputs().getDate(parameterName, cal);
    }

    @Override
    default Date getDate(int parameterIndex, Calendar cal) throws SQLException {
        return outputs().getDate(parameterIndex, cal);
    }

    @Override
    default Date getDate(int parameterIndex) throws SQLException {
        return outputs().getDate(parameterIndex);
    }

    @Override
    default URL getURL(int parameterIndex) throws SQLException {
        return outputs().getURL(parameterIndex);
    }

    @Override
    default URL getURL(String parameterName) throws SQLException {
        return outputs().getURL(parameterName);
    }

    @Override
    default boolean wasNull() throws SQLException {
        return outputs().wasNull();
    }

    @Override
    default void registerOutParameter(String parameterName, SQLType sqlType, String typeName) throws SQLException {
        registerOut(statement -> statement.registerOutParameter(parameterName, sqlType, typeName));
    }

    @Override
    default void registerOutParameter(int parameterIndex, SQLType sqlType, int scale) throws SQLException {
        registerOut(statement -> statement.registerOutParameter(parameterIndex, sqlType, scale));
    }

    @Override
    default void registerOutParameter(String parameterName, SQLType sqlType, int scale) throws SQLException {
        registerOut(statement -> statement.registerOutParameter(parameterName, sqlType, scale));
    }

    @Override
    default void registerOutParameter(String parameterName, SQLType sqlType) throws SQLException {
        registerOut(statement -> statement.registerOutParameter(parameterName, sqlType));
    }

    @Override
    default void registerOutParameter(int parameterIndex, SQLType sqlType, String typeName) throws SQLException {
        registerOut(statement -> statement.registerOutParameter(parameterIndex, sqlType, typeName));
    }

    @Override
    default void registerOutParameter(int parameterIndex, SQLType sqlType) throws SQLException {
        registerOut(statement -> statement.registerOutParameter(parameterIndex, sqlType));
    }

    @Override
    default void registerOutParameter(int parameterIndex, int sqlType, int scale) throws SQLException {
        registerOut(statement -> statement.registerOutParameter(parameterIndex, sqlType, scale));
    }

    @Override
    default void registerOutParameter(String parameterName, int sqlType, String typeName) throws SQLException {
        registerOut(statement -> statement.registerOutParameter(parameterName, sqlType, typeName));
    }

    @Override
    default void registerOutParameter(String parameterName, int sqlType, int scale) throws SQLException {
        registerOut(statement -> statement.registerOutParameter(parameterName, sqlType, scale));
    }

    @Override
    default void registerOutParameter(String parameterName, int sqlType) throws SQLException {
        registerOut(statement -> statement.registerOutParameter(parameterName, sqlType));
    }

    @Override
    default void registerOutParameter(int parameterIndex, int sqlType, String typeName) throws SQLException {
        registerOut(statement -> statement.registerOutParameter(parameterIndex, sqlType, typeName));
    }

    @Override
    default void registerOutParameter(int parameterIndex, int sqlType) throws SQLException {
        registerOut(statement -> statement.registerOutParameter(parameterIndex, sqlType));
    }

    @Override
    default Blob getBlob(int parameterIndex) throws SQLException {
        return outputs().getBlob(parameterIndex);
    }

    @Override
    default Blob getBlob(String parameterName) throws SQLException {
        return outputs().getBlob(parameterName);
    }

    @Override
    default Clob getClob(int parameterIndex) throws SQLException {
        return outputs().getClob(parameterIndex);
    }

    @Override
    default Clob getClob(String parameterName) throws SQLException {
        return outputs().getClob(parameterName);
    }

    @Override
    default void setNull(String parameterName, int sqlType, String typeName) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setNull(name, sqlType, typeName));
    }

    @Override
    default void setNull(String parameterName, int sqlType) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setNull(name, sqlType));
    }

    @Override
    default void setBigDecimal(String parameterName, BigDecimal x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setBigDecimal(name, x));
    }

    @Override
    default void setString(String parameterName, String x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setString(name, x));
    }

    @Override
    default void setBytes(String parameterName, byte[] x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setBytes(name, x));
    }

    @Override
    default void setTimestamp(String parameterName, Timestamp x, Calendar cal) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setTimestamp(name, x, cal));
    }

    @Override
    default void setTimestamp(String parameterName, Timestamp x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setTimestamp(name, x));
    }

    @Override
    default void setAsciiStream(String parameterName, InputStream x, long length) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setAsciiStream(name, x, length));
    }

    @Override
    default void setAsciiStream(String parameterName, InputStream x) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setAsciiStream(name, x));
    }

    @Override
    default void setAsciiStream(String parameterName, InputStream x, int length) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setAsciiStream(name, x, length));
    }

    @Override
    default void setBinaryStream(String parameterName, InputStream x, int length) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setBinaryStream(name, x, length));
    }

    @Override
    default void setBinaryStream(String parameterName, InputStream x) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setBinaryStream(name, x));
    }

    @Override
    default void setBinaryStream(String parameterName, InputStream x, long length) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setBinaryStream(name, x, length));
    }

    @Override
    default void setObject(String parameterName, Object x, int targetSqlType) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setObject(name, x, targetSqlType));
    }

    @Override
    default void setObject(String parameterName, Object x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setObject(name, x));
    }

    @Override
    default void setObject(String parameterName, Object x, SQLType targetSqlType) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setObject(name, x, targetSqlType));
    }

    @Override
    default void setObject(String parameterName, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setObject(name, x, targetSqlType, scaleOrLength));
    }

    @Override
    default void setObject(String parameterName, Object x, int targetSqlType, int scale) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setObject(name, x, targetSqlType, scale));
    }

    @Override
    default void setCharacterStream(String parameterName, Reader reader, long length) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setCharacterStream(name, reader, length));
    }

    @Override
    default void setCharacterStream(String parameterName, Reader reader) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setCharacterStream(name, reader));
    }

    @Override
    default void setCharacterStream(String parameterName, Reader reader, int length) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setCharacterStream(name, reader, length));
    }

    @Override
    default RowId getRowId(String parameterName) throws SQLException {
        return outputs().getRowId(parameterName);
    }

    @Override
    default RowId getRowId(int parameterIndex) throws SQLException {
        return outputs().getRowId(parameterIndex);
    }

    @Override
    default void setRowId(String parameterName, RowId x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setRowId(name, x));
    }

    @Override
    default void setNString(String parameterName, String value) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setNString(name, value));
    }

    @Override
    default void setNCharacterStream(String parameterName, Reader value) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setNCharacterStream(name, value));
    }

    @Override
    default void setNCharacterStream(String parameterName, Reader value, long length) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setNCharacterStream(name, value, length));
    }

    @Override
    default void setNClob(String parameterName, Reader reader) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setNClob(name, reader));
    }

    @Override
    default void setNClob(String parameterName, Reader reader, long length) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setNClob(name, reader, length));
    }

    @Override
    default void setNClob(String parameterName, NClob value) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setNClob(name, value));
    }

    @Override
    default void setClob(String parameterName, Clob x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setClob(name, x));
    }

    @Override
    default void setClob(String parameterName, Reader reader) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setClob(name, reader));
    }

    @Override
    default void setClob(String parameterName, Reader reader, long length) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setClob(name, reader, length));
    }

    @Override
    default void setBlob(String parameterName, Blob x) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setBlob(name, x));
    }

    @Override
    default void setBlob(String parameterName, InputStream inputStream) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setBlob(name, inputStream));
    }

    @Override
    default void setBlob(String parameterName, InputStream inputStream, long length) throws SQLException {
        bindNamedOnce(parameterName, (statement, name) -> statement.setBlob(name, inputStream, length));
    }

    @Override
    default NClob getNClob(String parameterName) throws SQLException {
        return outputs().getNClob(parameterName);
    }

    @Override
    default NClob getNClob(int parameterIndex) throws SQLException {
        return outputs().getNClob(parameterIndex);
    }

    @Override
    default void setSQLXML(String parameterName, SQLXML xmlObject) throws SQLException {
        bindNamed(parameterName, (statement, name) -> statement.setSQLXML(name, xmlObject));
    }

    @Override
    default SQLXML getSQLXML(String parameterName) throws SQLException {
        return outputs().getSQLXML(parameterName);
    }

    @Override
    default SQLXML getSQLXML(int parameterIndex) throws SQLException {
        return outputs().getSQLXML(parameterIndex);
    }

    @Override
    default String getNString(int parameterIndex) throws SQLException {
        return outputs().getNString(parameterIndex);
    }

    @Override
    default String getNString(String parameterName) throws SQLException {
        return outputs().getNString(parameterName);
    }

    @Override
    default Reader getNCharacterStream(int parameterIndex) throws SQLException {
        return outputs().getNCharacterStream(parameterIndex);
    }

    @Override
    default Reader getNCharacterStream(String parameterName) throws SQLException {
        return outputs().getNCharacterStream(parameterName);
    }

    @Override
    default Reader getCharacterStream(int parameterIndex) throws SQLException {
        return outputs().getCharacterStream(parameterIndex);
    }

    @Override
    default Reader getCharacterStream(String parameterName) throws SQLException {
        return outputs().getCharacterStream(parameterName);
    }
}
