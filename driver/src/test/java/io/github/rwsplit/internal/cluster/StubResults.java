package io.github.rwsplit.internal.cluster;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

/**
 * In-memory result sets for stub connections: rows of plain Java values under column labels. Getters convert the way
 * a lenient driver would (numbers to strings and back, strings holding numbers to numbers); anything else answers the
 * type's zero value.
 */
final class StubResults {
    private StubResults() {
    }

    static ResultSet of(Statement statement, List<String> labels, List<Object[]> rows) {
        Cursor cursor = new Cursor(statement, labels, rows);
        return (ResultSet) Proxy.newProxyInstance(StubResults.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> cursor.call(proxy, method, args));
    }

    static ResultSet empty(Statement statement) {
        return of(statement, List.of("GENERATED_KEY"), List.of());
    }

    private static final class Cursor {
        private final Statement statement;
        private final List<String> labels;
        private final List<Object[]> rows;
        private int row = -1;
        private boolean wasNull;
        private boolean closed;

        Cursor(Statement statement, List<String> labels, List<Object[]> rows) {
            this.statement = statement;
            this.labels = labels;
            this.rows = rows;
        }

        Object call(Object proxy, Method method, Object[] args) throws SQLException {
            String name = method.getName();
            switch (name) {
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "stub result set " + labels + " (" + rows.size() + " rows)";
                case "next":
                    row++;
                    return row < rows.size();
                case "close":
                    closed = true;
                    return null;
                case "isClosed":
                    return closed;
                case "wasNull":
                    return wasNull;
                case "getStatement":
                    return statement;
                case "getMetaData":
                    return metaData();
                case "findColumn":
                    return column(args[0]);
                case "unwrap":
                    return ((Class<?>) args[0]).cast(proxy);
                case "isWrapperFor":
                    return ((Class<?>) args[0]).isInstance(proxy);
                default:
                    if (name.startsWith("get") && args != null && args.length >= 1
                            && (args[0] instanceof Integer || args[0] instanceof String)) {
                        Class<?> wanted = args.length == 2 && args[1] instanceof Class<?> type ? type
                                : method.getReturnType();
                        return convert(value(column(args[0])), wanted);
                    }
                    return StubConnection.zero(method.getReturnType());
            }
        }

        private int column(Object key) throws SQLException {
            if (key instanceof Integer index) {
                return index;
            }
            int found = labels.indexOf(key);
            if (found < 0) {
                for (int i = 0; i < labels.size(); i++) {
                    if (labels.get(i).equalsIgnoreCase((String) key)) {
                        found = i;
                    }
                }
            }
            if (found < 0 && labels.size() == 1) {
                return 1;
            }
            if (found < 0) {
                throw new SQLException("Column '" + key + "' not found", "S0022");
            }
            return found + 1;
        }

        private Object value(int column) throws SQLException {
            if (closed) {
                throw new SQLException("Operation not allowed after ResultSet closed", "S1000");
            }
            if (row < 0 || row >= rows.size()) {
                throw new SQLException("Illegal operation on empty result set.", "S1000");
            }
            Object[] values = rows.get(row);
            if (column < 1 || column > values.length) {
                throw new SQLException("Column Index out of range: " + column, "S1009");
            }
            Object value = values[column - 1];
            wasNull = value == null;
            return value;
        }

        private static Object convert(Object value, Class<?> wanted) throws SQLException {
            if (value == null) {
                return wanted.isPrimitive() ? StubConnection.zero(wanted) : null;
            }
            if (wanted == Object.class || wanted.isInstance(value)) {
                return value;
            }
            if (wanted == String.class) {
                return value.toString();
            }
            BigDecimal number;
            if (value instanceof Number n) {
                number = new BigDecimal(n.toString());
            } else if (value instanceof Boolean b) {
                number = b ? BigDecimal.ONE : BigDecimal.ZERO;
            } else {
                try {
                    number = new BigDecimal(value.toString().trim());
                } catch (NumberFormatException e) {
                    throw new SQLException("Cannot convert '" + value + "' to " + wanted.getSimpleName(), "22018");
                }
            }
            if (wanted == long.class || wanted == Long.class) {
                return number.longValue();
            }
            if (wanted == int.class || wanted == Integer.class) {
                return number.intValue();
            }
            if (wanted == short.class || wanted == Short.class) {
                return number.shortValue();
            }
            if (wanted == double.class || wanted == Double.class) {
                return number.doubleValue();
            }
            if (wanted == float.class || wanted == Float.class) {
                return number.floatValue();
            }
            if (wanted == boolean.class || wanted == Boolean.class) {
                return number.signum() != 0;
            }
            if (wanted == BigDecimal.class) {
                return number;
            }
            throw new SQLException("Cannot convert '" + value + "' to " + wanted.getSimpleName(), "22018");
        }

        private ResultSetMetaData metaData() {
            return (ResultSetMetaData) Proxy.newProxyInstance(StubResults.class.getClassLoader(),
                    new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getColumnCount" -> labels.size();
                        case "getColumnLabel", "getColumnName" -> labels.get((Integer) args[0] - 1);
                        case "getColumnType" -> Types.VARCHAR;
                        case "getColumnTypeName" -> "VARCHAR";
                        case "getColumnClassName" -> String.class.getName();
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "stub result set metadata " + labels;
                        default -> StubConnection.zero(method.getReturnType());
                    });
        }
    }
}
