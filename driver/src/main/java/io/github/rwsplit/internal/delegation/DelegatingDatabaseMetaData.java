package io.github.rwsplit.internal.delegation;

import io.github.rwsplit.internal.cluster.ConnectorDriver;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * Database metadata whose every call goes through one of two hooks: {@link #call} for values and {@link #query} for
 * result sets. The subclass chooses the physical connection each call runs on and how long a result set keeps it.
 */
public abstract class DelegatingDatabaseMetaData implements DatabaseMetaData {

    /** One call on a physical connection's metadata. */
    @FunctionalInterface
    public interface MetaDataCall<T> {
        T apply(DatabaseMetaData metaData) throws SQLException;
    }

    /** Runs a call that returns a value (not a result set). */
    protected abstract <T> T call(MetaDataCall<T> call) throws SQLException;

    /** Runs a call that returns a result set; the result set may outlive the call. */
    protected abstract ResultSet query(MetaDataCall<ResultSet> call) throws SQLException;

    @Override
    public boolean allProceduresAreCallable() throws SQLException {
        return call(metaData -> metaData.allProceduresAreCallable());
    }

    @Override
    public boolean allTablesAreSelectable() throws SQLException {
        return call(metaData -> metaData.allTablesAreSelectable());
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
        return call(metaData -> metaData.autoCommitFailureClosesAllResultSets());
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
        return call(metaData -> metaData.dataDefinitionCausesTransactionCommit());
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
        return call(metaData -> metaData.dataDefinitionIgnoredInTransactions());
    }

    @Override
    public boolean deletesAreDetected(int type) throws SQLException {
        return call(metaData -> metaData.deletesAreDetected(type));
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
        return call(metaData -> metaData.doesMaxRowSizeIncludeBlobs());
    }

    @Override
    public boolean generatedKeyAlwaysReturned() throws SQLException {
        return call(metaData -> metaData.generatedKeyAlwaysReturned());
    }

    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern) throws SQLException {
        return query(metaData -> metaData.getAttributes(catalog, schemaPattern, typeNamePattern, attributeNamePattern));
    }

    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable) throws SQLException {
        return query(metaData -> metaData.getBestRowIdentifier(catalog, schema, table, scope, nullable));
    }

    @Override
    public String getCatalogSeparator() throws SQLException {
        return call(metaData -> metaData.getCatalogSeparator());
    }

    @Override
    public String getCatalogTerm() throws SQLException {
        return call(metaData -> metaData.getCatalogTerm());
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        return query(metaData -> metaData.getCatalogs());
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        return query(metaData -> metaData.getClientInfoProperties());
    }

    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) throws SQLException {
        return query(metaData -> metaData.getColumnPrivileges(catalog, schema, table, columnNamePattern));
    }

    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
        return query(metaData -> metaData.getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern));
    }

    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
        return query(metaData -> metaData.getCrossReference(parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema, foreignTable));
    }

    @Override
    public int getDatabaseMajorVersion() throws SQLException {
        return call(metaData -> metaData.getDatabaseMajorVersion());
    }

    @Override
    public int getDatabaseMinorVersion() throws SQLException {
        return call(metaData -> metaData.getDatabaseMinorVersion());
    }

    @Override
    public String getDatabaseProductName() throws SQLException {
        return call(metaData -> metaData.getDatabaseProductName());
    }

    @Override
    public String getDatabaseProductVersion() throws SQLException {
        return call(metaData -> metaData.getDatabaseProductVersion());
    }

    @Override
    public int getDefaultTransactionIsolation() throws SQLException {
        return call(metaData -> metaData.getDefaultTransactionIsolation());
    }

    /** Connector/J's version, the driver that talks to the servers; known without a connection. */
    @Override
    public int getDriverMajorVersion() {
        return ConnectorDriver.majorVersion();
    }

    /** Connector/J's version, the driver that talks to the servers; known without a connection. */
    @Override
    public int getDriverMinorVersion() {
        return ConnectorDriver.minorVersion();
    }

    @Override
    public String getDriverName() throws SQLException {
        return call(metaData -> metaData.getDriverName());
    }

    @Override
    public String getDriverVersion() throws SQLException {
        return call(metaData -> metaData.getDriverVersion());
    }

    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return query(metaData -> metaData.getExportedKeys(catalog, schema, table));
    }

    @Override
    public String getExtraNameCharacters() throws SQLException {
        return call(metaData -> metaData.getExtraNameCharacters());
    }

    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern) throws SQLException {
        return query(metaData -> metaData.getFunctionColumns(catalog, schemaPattern, functionNamePattern, columnNamePattern));
    }

    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) throws SQLException {
        return query(metaData -> metaData.getFunctions(catalog, schemaPattern, functionNamePattern));
    }

    @Override
    public String getIdentifierQuoteString() throws SQLException {
        return call(metaData -> metaData.getIdentifierQuoteString());
    }

    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        return query(metaData -> metaData.getImportedKeys(catalog, schema, table));
    }

    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate) throws SQLException {
        return query(metaData -> metaData.getIndexInfo(catalog, schema, table, unique, approximate));
    }

    @Override
    public int getJDBCMajorVersion() throws SQLException {
        return call(metaData -> metaData.getJDBCMajorVersion());
    }

    @Override
    public int getJDBCMinorVersion() throws SQLException {
        return call(metaData -> metaData.getJDBCMinorVersion());
    }

    @Override
    public int getMaxBinaryLiteralLength() throws SQLException {
        return call(metaData -> metaData.getMaxBinaryLiteralLength());
    }

    @Override
    public int getMaxCatalogNameLength() throws SQLException {
        return call(metaData -> metaData.getMaxCatalogNameLength());
    }

    @Override
    public int getMaxCharLiteralLength() throws SQLException {
        return call(metaData -> metaData.getMaxCharLiteralLength());
    }

    @Override
    public int getMaxColumnNameLength() throws SQLException {
        return call(metaData -> metaData.getMaxColumnNameLength());
    }

    @Override
    public int getMaxColumnsInGroupBy() throws SQLException {
        return call(metaData -> metaData.getMaxColumnsInGroupBy());
    }

    @Override
    public int getMaxColumnsInIndex() throws SQLException {
        return call(metaData -> metaData.getMaxColumnsInIndex());
    }

    @Override
    public int getMaxColumnsInOrderBy() throws SQLException {
        return call(metaData -> metaData.getMaxColumnsInOrderBy());
    }

    @Override
    public int getMaxColumnsInSelect() throws SQLException {
        return call(metaData -> metaData.getMaxColumnsInSelect());
    }

    @Override
    public int getMaxColumnsInTable() throws SQLException {
        return call(metaData -> metaData.getMaxColumnsInTable());
    }

    @Override
    public int getMaxConnections() throws SQLException {
        return call(metaData -> metaData.getMaxConnections());
    }

    @Override
    public int getMaxCursorNameLength() throws SQLException {
        return call(metaData -> metaData.getMaxCursorNameLength());
    }

    @Override
    public int getMaxIndexLength() throws SQLException {
        return call(metaData -> metaData.getMaxIndexLength());
    }

    @Override
    public long getMaxLogicalLobSize() throws SQLException {
        return call(metaData -> metaData.getMaxLogicalLobSize());
    }

    @Override
    public int getMaxProcedureNameLength() throws SQLException {
        return call(metaData -> metaData.getMaxProcedureNameLength());
    }

    @Override
    public int getMaxRowSize() throws SQLException {
        return call(metaData -> metaData.getMaxRowSize());
    }

    @Override
    public int getMaxSchemaNameLength() throws SQLException {
        return call(metaData -> metaData.getMaxSchemaNameLength());
    }

    @Override
    public int getMaxStatementLength() throws SQLException {
        return call(metaData -> metaData.getMaxStatementLength());
    }

    @Override
    public int getMaxStatements() throws SQLException {
        return call(metaData -> metaData.getMaxStatements());
    }

    @Override
    public int getMaxTableNameLength() throws SQLException {
        return call(metaData -> metaData.getMaxTableNameLength());
    }

    @Override
    public int getMaxTablesInSelect() throws SQLException {
        return call(metaData -> metaData.getMaxTablesInSelect());
    }

    @Override
    public int getMaxUserNameLength() throws SQLException {
        return call(metaData -> metaData.getMaxUserNameLength());
    }

    @Override
    public String getNumericFunctions() throws SQLException {
        return call(metaData -> metaData.getNumericFunctions());
    }

    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        return query(metaData -> metaData.getPrimaryKeys(catalog, schema, table));
    }

    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern) throws SQLException {
        return query(metaData -> metaData.getProcedureColumns(catalog, schemaPattern, procedureNamePattern, columnNamePattern));
    }

    @Override
    public String getProcedureTerm() throws SQLException {
        return call(metaData -> metaData.getProcedureTerm());
    }

    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) throws SQLException {
        return query(metaData -> metaData.getProcedures(catalog, schemaPattern, procedureNamePattern));
    }

    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
        return query(metaData -> metaData.getPseudoColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern));
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        return call(metaData -> metaData.getResultSetHoldability());
    }

    @Override
    public RowIdLifetime getRowIdLifetime() throws SQLException {
        return call(metaData -> metaData.getRowIdLifetime());
    }

    @Override
    public String getSQLKeywords() throws SQLException {
        return call(metaData -> metaData.getSQLKeywords());
    }

    @Override
    public int getSQLStateType() throws SQLException {
        return call(metaData -> metaData.getSQLStateType());
    }

    @Override
    public String getSchemaTerm() throws SQLException {
        return call(metaData -> metaData.getSchemaTerm());
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return query(metaData -> metaData.getSchemas());
    }

    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
        return query(metaData -> metaData.getSchemas(catalog, schemaPattern));
    }

    @Override
    public String getSearchStringEscape() throws SQLException {
        return call(metaData -> metaData.getSearchStringEscape());
    }

    @Override
    public String getStringFunctions() throws SQLException {
        return call(metaData -> metaData.getStringFunctions());
    }

    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
        return query(metaData -> metaData.getSuperTables(catalog, schemaPattern, tableNamePattern));
    }

    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
        return query(metaData -> metaData.getSuperTypes(catalog, schemaPattern, typeNamePattern));
    }

    @Override
    public String getSystemFunctions() throws SQLException {
        return call(metaData -> metaData.getSystemFunctions());
    }

    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
        return query(metaData -> metaData.getTablePrivileges(catalog, schemaPattern, tableNamePattern));
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        return query(metaData -> metaData.getTableTypes());
    }

    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException {
        return query(metaData -> metaData.getTables(catalog, schemaPattern, tableNamePattern, types));
    }

    @Override
    public String getTimeDateFunctions() throws SQLException {
        return call(metaData -> metaData.getTimeDateFunctions());
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        return query(metaData -> metaData.getTypeInfo());
    }

    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) throws SQLException {
        return query(metaData -> metaData.getUDTs(catalog, schemaPattern, typeNamePattern, types));
    }

    @Override
    public String getURL() throws SQLException {
        return call(metaData -> metaData.getURL());
    }

    @Override
    public String getUserName() throws SQLException {
        return call(metaData -> metaData.getUserName());
    }

    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
        return query(metaData -> metaData.getVersionColumns(catalog, schema, table));
    }

    @Override
    public boolean insertsAreDetected(int type) throws SQLException {
        return call(metaData -> metaData.insertsAreDetected(type));
    }

    @Override
    public boolean isCatalogAtStart() throws SQLException {
        return call(metaData -> metaData.isCatalogAtStart());
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return call(metaData -> metaData.isReadOnly());
    }

    @Override
    public boolean locatorsUpdateCopy() throws SQLException {
        return call(metaData -> metaData.locatorsUpdateCopy());
    }

    @Override
    public boolean nullPlusNonNullIsNull() throws SQLException {
        return call(metaData -> metaData.nullPlusNonNullIsNull());
    }

    @Override
    public boolean nullsAreSortedAtEnd() throws SQLException {
        return call(metaData -> metaData.nullsAreSortedAtEnd());
    }

    @Override
    public boolean nullsAreSortedAtStart() throws SQLException {
        return call(metaData -> metaData.nullsAreSortedAtStart());
    }

    @Override
    public boolean nullsAreSortedHigh() throws SQLException {
        return call(metaData -> metaData.nullsAreSortedHigh());
    }

    @Override
    public boolean nullsAreSortedLow() throws SQLException {
        return call(metaData -> metaData.nullsAreSortedLow());
    }

    @Override
    public boolean othersDeletesAreVisible(int type) throws SQLException {
        return call(metaData -> metaData.othersDeletesAreVisible(type));
    }

    @Override
    public boolean othersInsertsAreVisible(int type) throws SQLException {
        return call(metaData -> metaData.othersInsertsAreVisible(type));
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) throws SQLException {
        return call(metaData -> metaData.othersUpdatesAreVisible(type));
    }

    @Override
    public boolean ownDeletesAreVisible(int type) throws SQLException {
        return call(metaData -> metaData.ownDeletesAreVisible(type));
    }

    @Override
    public boolean ownInsertsAreVisible(int type) throws SQLException {
        return call(metaData -> metaData.ownInsertsAreVisible(type));
    }

    @Override
    public boolean ownUpdatesAreVisible(int type) throws SQLException {
        return call(metaData -> metaData.ownUpdatesAreVisible(type));
    }

    @Override
    public boolean storesLowerCaseIdentifiers() throws SQLException {
        return call(metaData -> metaData.storesLowerCaseIdentifiers());
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
        return call(metaData -> metaData.storesLowerCaseQuotedIdentifiers());
    }

    @Override
    public boolean storesMixedCaseIdentifiers() throws SQLException {
        return call(metaData -> metaData.storesMixedCaseIdentifiers());
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
        return call(metaData -> metaData.storesMixedCaseQuotedIdentifiers());
    }

    @Override
    public boolean storesUpperCaseIdentifiers() throws SQLException {
        return call(metaData -> metaData.storesUpperCaseIdentifiers());
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
        return call(metaData -> metaData.storesUpperCaseQuotedIdentifiers());
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() throws SQLException {
        return call(metaData -> metaData.supportsANSI92EntryLevelSQL());
    }

    @Override
    public boolean supportsANSI92FullSQL() throws SQLException {
        return call(metaData -> metaData.supportsANSI92FullSQL());
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() throws SQLException {
        return call(metaData -> metaData.supportsANSI92IntermediateSQL());
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() throws SQLException {
        return call(metaData -> metaData.supportsAlterTableWithAddColumn());
    }

    @Override
    public boolean supportsAlterTableWithDropColumn() throws SQLException {
        return call(metaData -> metaData.supportsAlterTableWithDropColumn());
    }

    @Override
    public boolean supportsBatchUpdates() throws SQLException {
        return call(metaData -> metaData.supportsBatchUpdates());
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() throws SQLException {
        return call(metaData -> metaData.supportsCatalogsInDataManipulation());
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
        return call(metaData -> metaData.supportsCatalogsInIndexDefinitions());
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
        return call(metaData -> metaData.supportsCatalogsInPrivilegeDefinitions());
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() throws SQLException {
        return call(metaData -> metaData.supportsCatalogsInProcedureCalls());
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() throws SQLException {
        return call(metaData -> metaData.supportsCatalogsInTableDefinitions());
    }

    @Override
    public boolean supportsColumnAliasing() throws SQLException {
        return call(metaData -> metaData.supportsColumnAliasing());
    }

    @Override
    public boolean supportsConvert() throws SQLException {
        return call(metaData -> metaData.supportsConvert());
    }

    @Override
    public boolean supportsConvert(int fromType, int toType) throws SQLException {
        return call(metaData -> metaData.supportsConvert(fromType, toType));
    }

    @Override
    public boolean supportsCoreSQLGrammar() throws SQLException {
        return call(metaData -> metaData.supportsCoreSQLGrammar());
    }

    @Override
    public boolean supportsCorrelatedSubqueries() throws SQLException {
        return call(metaData -> metaData.supportsCorrelatedSubqueries());
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
        return call(metaData -> metaData.supportsDataDefinitionAndDataManipulationTransactions());
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
        return call(metaData -> metaData.supportsDataManipulationTransactionsOnly());
    }

    @Override
    public boolean supportsDifferentTableCorrelationNames() throws SQLException {
        return call(metaData -> metaData.supportsDifferentTableCorrelationNames());
    }

    @Override
    public boolean supportsExpressionsInOrderBy() throws SQLException {
        return call(metaData -> metaData.supportsExpressionsInOrderBy());
    }

    @Override
    public boolean supportsExtendedSQLGrammar() throws SQLException {
        return call(metaData -> metaData.supportsExtendedSQLGrammar());
    }

    @Override
    public boolean supportsFullOuterJoins() throws SQLException {
        return call(metaData -> metaData.supportsFullOuterJoins());
    }

    @Override
    public boolean supportsGetGeneratedKeys() throws SQLException {
        return call(metaData -> metaData.supportsGetGeneratedKeys());
    }

    @Override
    public boolean supportsGroupByBeyondSelect() throws SQLException {
        return call(metaData -> metaData.supportsGroupByBeyondSelect());
    }

    @Override
    public boolean supportsGroupByUnrelated() throws SQLException {
        return call(metaData -> metaData.supportsGroupByUnrelated());
    }

    @Override
    public boolean supportsGroupBy() throws SQLException {
        return call(metaData -> metaData.supportsGroupBy());
    }

    @Override
    public boolean supportsIntegrityEnhancementFacility() throws SQLException {
        return call(metaData -> metaData.supportsIntegrityEnhancementFacility());
    }

    @Override
    public boolean supportsLikeEscapeClause() throws SQLException {
        return call(metaData -> metaData.supportsLikeEscapeClause());
    }

    @Override
    public boolean supportsLimitedOuterJoins() throws SQLException {
        return call(metaData -> metaData.supportsLimitedOuterJoins());
    }

    @Override
    public boolean supportsMinimumSQLGrammar() throws SQLException {
        return call(metaData -> metaData.supportsMinimumSQLGrammar());
    }

    @Override
    public boolean supportsMixedCaseIdentifiers() throws SQLException {
        return call(metaData -> metaData.supportsMixedCaseIdentifiers());
    }

    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
        return call(metaData -> metaData.supportsMixedCaseQuotedIdentifiers());
    }

    @Override
    public boolean supportsMultipleOpenResults() throws SQLException {
        return call(metaData -> metaData.supportsMultipleOpenResults());
    }

    @Override
    public boolean supportsMultipleResultSets() throws SQLException {
        return call(metaData -> metaData.supportsMultipleResultSets());
    }

    @Override
    public boolean supportsMultipleTransactions() throws SQLException {
        return call(metaData -> metaData.supportsMultipleTransactions());
    }

    @Override
    public boolean supportsNamedParameters() throws SQLException {
        return call(metaData -> metaData.supportsNamedParameters());
    }

    @Override
    public boolean supportsNonNullableColumns() throws SQLException {
        return call(metaData -> metaData.supportsNonNullableColumns());
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
        return call(metaData -> metaData.supportsOpenCursorsAcrossCommit());
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
        return call(metaData -> metaData.supportsOpenCursorsAcrossRollback());
    }

    @Override
    public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
        return call(metaData -> metaData.supportsOpenStatementsAcrossCommit());
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
        return call(metaData -> metaData.supportsOpenStatementsAcrossRollback());
    }

    @Override
    public boolean supportsOrderByUnrelated() throws SQLException {
        return call(metaData -> metaData.supportsOrderByUnrelated());
    }

    @Override
    public boolean supportsOuterJoins() throws SQLException {
        return call(metaData -> metaData.supportsOuterJoins());
    }

    @Override
    public boolean supportsPositionedDelete() throws SQLException {
        return call(metaData -> metaData.supportsPositionedDelete());
    }

    @Override
    public boolean supportsPositionedUpdate() throws SQLException {
        return call(metaData -> metaData.supportsPositionedUpdate());
    }

    @Override
    public boolean supportsRefCursors() throws SQLException {
        return call(metaData -> metaData.supportsRefCursors());
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException {
        return call(metaData -> metaData.supportsResultSetConcurrency(type, concurrency));
    }

    @Override
    public boolean supportsResultSetHoldability(int holdability) throws SQLException {
        return call(metaData -> metaData.supportsResultSetHoldability(holdability));
    }

    @Override
    public boolean supportsResultSetType(int type) throws SQLException {
        return call(metaData -> metaData.supportsResultSetType(type));
    }

    @Override
    public boolean supportsSavepoints() throws SQLException {
        return call(metaData -> metaData.supportsSavepoints());
    }

    @Override
    public boolean supportsSchemasInDataManipulation() throws SQLException {
        return call(metaData -> metaData.supportsSchemasInDataManipulation());
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() throws SQLException {
        return call(metaData -> metaData.supportsSchemasInIndexDefinitions());
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
        return call(metaData -> metaData.supportsSchemasInPrivilegeDefinitions());
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() throws SQLException {
        return call(metaData -> metaData.supportsSchemasInProcedureCalls());
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() throws SQLException {
        return call(metaData -> metaData.supportsSchemasInTableDefinitions());
    }

    @Override
    public boolean supportsSelectForUpdate() throws SQLException {
        return call(metaData -> metaData.supportsSelectForUpdate());
    }

    @Override
    public boolean supportsSharding() throws SQLException {
        return call(metaData -> metaData.supportsSharding());
    }

    @Override
    public boolean supportsStatementPooling() throws SQLException {
        return call(metaData -> metaData.supportsStatementPooling());
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
        return call(metaData -> metaData.supportsStoredFunctionsUsingCallSyntax());
    }

    @Override
    public boolean supportsStoredProcedures() throws SQLException {
        return call(metaData -> metaData.supportsStoredProcedures());
    }

    @Override
    public boolean supportsSubqueriesInComparisons() throws SQLException {
        return call(metaData -> metaData.supportsSubqueriesInComparisons());
    }

    @Override
    public boolean supportsSubqueriesInExists() throws SQLException {
        return call(metaData -> metaData.supportsSubqueriesInExists());
    }

    @Override
    public boolean supportsSubqueriesInIns() throws SQLException {
        return call(metaData -> metaData.supportsSubqueriesInIns());
    }

    @Override
    public boolean supportsSubqueriesInQuantifieds() throws SQLException {
        return call(metaData -> metaData.supportsSubqueriesInQuantifieds());
    }

    @Override
    public boolean supportsTableCorrelationNames() throws SQLException {
        return call(metaData -> metaData.supportsTableCorrelationNames());
    }

    @Override
    public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
        return call(metaData -> metaData.supportsTransactionIsolationLevel(level));
    }

    @Override
    public boolean supportsTransactions() throws SQLException {
        return call(metaData -> metaData.supportsTransactions());
    }

    @Override
    public boolean supportsUnionAll() throws SQLException {
        return call(metaData -> metaData.supportsUnionAll());
    }

    @Override
    public boolean supportsUnion() throws SQLException {
        return call(metaData -> metaData.supportsUnion());
    }

    @Override
    public boolean updatesAreDetected(int type) throws SQLException {
        return call(metaData -> metaData.updatesAreDetected(type));
    }

    @Override
    public boolean usesLocalFilePerTable() throws SQLException {
        return call(metaData -> metaData.usesLocalFilePerTable());
    }

    @Override
    public boolean usesLocalFiles() throws SQLException {
        return call(metaData -> metaData.usesLocalFiles());
    }
}
