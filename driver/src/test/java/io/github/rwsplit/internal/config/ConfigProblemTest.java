package io.github.rwsplit.internal.config;

import static io.github.rwsplit.internal.config.Parse.CLUSTER;
import static io.github.rwsplit.internal.config.Parse.props;
import static io.github.rwsplit.internal.config.Parse.rejected;
import static io.github.rwsplit.internal.config.Parse.rejectedOption;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per distinct message (SQLState 01S00 at connect, naming the key, the value and the accepted form; docs/configuration.md).
 * {@link Parse#rejected} checks the SQLState of every one.
 */
class ConfigProblemTest {
    private static final String FORM = "expected jdbc:rwsplit:mysql://PRIMARY[:PORT][,REPLICA[:PORT]]...[/DATABASE]"
            + "[?KEY=VALUE[&KEY=VALUE]...]";

    @Test
    void aConfigProblemIsAnSqlExceptionWithConnectorJsInvalidAttributeState() {
        SQLException problem = new ConfigProblem("x");
        assertEquals("01S00", problem.getSQLState());
        assertEquals(ConfigProblem.SQLSTATE, problem.getSQLState());
        assertEquals("rwsplit: x", problem.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://h/app", "jdbc:rwsplt:mysql://h", "rwsplit:mysql://h", "", "jdbc:rwsplit"})
    void notAnRwsplitUrl(String url) {
        assertEquals("rwsplit: malformed rwsplit URL '" + url + "': it does not start with jdbc:rwsplit:; " + FORM,
                rejected(url));
    }

    @Test
    void aMissingUrlIsReportedNotThrownAsNullPointer() {
        assertTrue(rejected(null).contains("it does not start with jdbc:rwsplit:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:rwsplit:postgresql://h/app", "jdbc:rwsplit:mysql:/h", "jdbc:rwsplit:",
            "jdbc:rwsplit:mariadb://h", "jdbc:rwsplit:mysql:replication://h"})
    void wrongSubProtocol(String url) {
        assertEquals("rwsplit: malformed rwsplit URL '" + url + "': the sub-protocol must be mysql://; " + FORM,
                rejected(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:rwsplit:mysql://", "jdbc:rwsplit:mysql:///app", "jdbc:rwsplit:mysql://h1,,h2",
            "jdbc:rwsplit:mysql://h1,", "jdbc:rwsplit:mysql://,h1", "jdbc:rwsplit:mysql:// ?jmx=true",
            "jdbc:rwsplit:mysql://u:p@/app"})
    void emptyHost(String url) {
        assertTrue(rejected(url).endsWith("': a host is empty; " + FORM));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h:0", "h:65536", "h:port", "h:", "h:-1", "h:99999999999", "[::1]:", "[::1]:x"})
    void badPort(String host) {
        String port = host.substring(host.lastIndexOf(':') + 1);
        assertEquals("rwsplit: invalid port '" + port + "' in host '" + host + "': expected 1-65535",
                rejected("jdbc:rwsplit:mysql://" + host + "/app"));
    }

    @Test
    void ipv6WithoutBrackets() {
        assertEquals("rwsplit: malformed rwsplit URL 'jdbc:rwsplit:mysql://db0,::1:3306': IPv6 address '::1:3306' must"
                + " be written in brackets, e.g. [::1]:3306; " + FORM, rejected("jdbc:rwsplit:mysql://db0,::1:3306"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:rwsplit:mysql://[::1", "jdbc:rwsplit:mysql://[::1:3306,h2",
            "jdbc:rwsplit:mysql://h1,[::1/app"})
    void ipv6MissingItsClosingBracket(String url) {
        assertTrue(rejected(url).endsWith("': an IPv6 address is missing its closing ']'; " + FORM));
    }

    @Test
    void textAfterTheIpv6Bracket() {
        assertTrue(rejected("jdbc:rwsplit:mysql://[::1]x:3306")
                .endsWith("': unexpected 'x:3306' after IPv6 address [::1]; " + FORM));
    }

    @ParameterizedTest
    @ValueSource(strings = {"db 1", "db#1", "db!", "[]", "]db[", "db*"})
    void notAHostName(String host) {
        String shown = host.equals("[]") ? "" : host;
        assertTrue(rejected("jdbc:rwsplit:mysql://" + host + "/app")
                .endsWith("': '" + shown + "' is not a host name or address; " + FORM));
    }

    @ParameterizedTest
    @ValueSource(strings = {"db0,db0", "db0,db0:3306", "db0:3306,db1,db0", "db0,DB0", "[::1],[::1]:3306"})
    void duplicateHost(String hosts) {
        String message = rejected("jdbc:rwsplit:mysql://" + hosts + "/app");
        assertTrue(message.matches("rwsplit: host \\S+ appears twice in 'jdbc:rwsplit:mysql://" + java.util.regex.Pattern
                .quote(hosts) + "/app': list each server once, the primary first"), message);
    }

    @Test
    void theSameHostOnAnotherPortIsAnotherServer() {
        assertEquals(2, Parse.ok("jdbc:rwsplit:mysql://db0:3306,db0:3307").hosts().size());
    }

    @ParameterizedTest
    @CsvSource({"jmx, jmx", "jmx=true&retryReads, retryReads", "%6Amx, jmx", "=true, =true"})
    void keyWithoutEquals(String query, String shown) {
        assertTrue(rejected("jdbc:rwsplit:mysql://h/app?" + query).endsWith("': '" + shown + "' is not KEY=VALUE; "
                + FORM), query);
    }

    @Test
    void badPercentEscapeNamesWhereItIs() {
        assertTrue(rejected("jdbc:rwsplit:mysql://h/app?clusterName=50%").endsWith(
                "': bad %-escape in the value '50%' of 'clusterName'; a '%' itself is written %25; " + FORM));
        assertTrue(rejected("jdbc:rwsplit:mysql://h/app?cluster%zzName=x")
                .contains("bad %-escape in the key 'cluster%zzName'"));
        assertTrue(rejected("jdbc:rwsplit:mysql://h/a%g1").contains("bad %-escape in the database name 'a%g1'"));
        assertTrue(rejected("jdbc:rwsplit:mysql://h/app?jmx%").contains("bad %-escape in 'jmx%'"));
        assertTrue(rejected("jdbc:rwsplit:mysql://u%:p@h/app").contains("bad %-escape in the user before '@'"));
        assertTrue(rejected("jdbc:rwsplit:mysql://u:p%@h/app").contains("bad %-escape in the password before '@'"));
    }

    @Test
    void emptyUserBeforeTheAt() {
        assertTrue(rejected("jdbc:rwsplit:mysql://@h/app").endsWith("': the user before '@' is empty; " + FORM));
        assertTrue(rejected("jdbc:rwsplit:mysql://:pw@h/app").contains("the user before '@' is empty"));
    }

    @Test
    void moreThanOneAtBeforeTheHosts() {
        // Connector/J's per-host credentials (u1:p1@h1,u2:p2@h2) would otherwise silently drop every host but the last.
        assertTrue(rejected("jdbc:rwsplit:mysql://u1:p1@h1,u2:p2@h2/app").endsWith("': more than one '@' before the"
                + " hosts: one user and password apply to every host, and an '@' inside them is written %40; " + FORM));
        assertTrue(rejected("jdbc:rwsplit:mysql://me@corp:pw@h1").contains("more than one '@'"));
    }

    @Test
    void unknownKeyWithSuggestion() {
        assertEquals("rwsplit: unknown option 'maxReplicationlag'; did you mean 'maxReplicationLag'?",
                rejected(CLUSTER + "?maxReplicationlag=2s"));
        assertEquals("rwsplit: unknown option 'sslmode'; did you mean 'sslMode'?",
                rejected(CLUSTER, props("sslmode", "REQUIRED")));
    }

    @Test
    void unknownKeyWithoutSuggestion() {
        assertEquals("rwsplit: unknown option 'zzqqxx'; it is neither an rwsplit option nor a Connector/J property",
                rejected(CLUSTER + "?zzqqxx=1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "port", "dbname", "protocol", "path", "type", "address", "priority", "HOST",
            "Port"})
    void urlStructureKeysCannotBeSet(String key) {
        String expected = "rwsplit: option '" + key.toLowerCase(java.util.Locale.ROOT) + "' cannot be set: hosts, ports"
                + " and the database are part of the URL (jdbc:rwsplit:mysql://PRIMARY[:PORT][,REPLICA[:PORT]]..."
                + "[/DATABASE][?KEY=VALUE[&KEY=VALUE]...])";
        assertEquals(expected, rejected(CLUSTER + "?" + key + "=x"));
        assertEquals(expected, rejected(CLUSTER, props(key, "x")));
    }

    @Test
    void illTypedValueOfEveryValueType() {
        assertEquals("rwsplit: invalid value '2 hours' for option 'maxReplicationLag': expected a duration such as 500ms,"
                + " 2s or 1m (a bare number means milliseconds), at least 0", rejectedOption("maxReplicationLag",
                "2 hours"));
        assertEquals("rwsplit: invalid value 'many' for option 'pool.maximumPoolSize': expected an integer from 1 to"
                + " 10000", rejectedOption("pool.maximumPoolSize", "many"));
        assertEquals("rwsplit: invalid value 'sure' for option 'jmx': expected true or false (yes and no also work)",
                rejectedOption("jmx", "sure"));
        assertEquals("rwsplit: invalid value 'fastest' for option 'loadBalance': expected one of roundRobin, random,"
                + " leastConnections, leastLatency", rejectedOption("loadBalance", "fastest"));
        assertEquals("rwsplit: invalid value '3:1' for option 'replicaWeights': expected comma-separated integers from"
                + " 0 to 1000, one per replica in URL order, at least one above 0 (e.g. 3,1)",
                rejectedOption("replicaWeights", "3:1"));
        assertEquals("rwsplit: invalid value 't;DROP TABLE x' for option 'heartbeatTable': expected a table name,"
                + " optionally schema-qualified (schema.table), of letters, digits, _ and $",
                rejectedOption("heartbeatTable", "t;DROP TABLE x"));
        assertEquals("rwsplit: invalid value '' for option 'clusterName': expected a non-empty name of up to 200"
                + " printable characters", rejectedOption("clusterName", ""));
    }

    @Test
    void weightCountMustMatchTheReplicas() {
        assertEquals("rwsplit: option 'replicaWeights' has 3 weights but the URL names 2 replicas: give one weight per"
                + " replica, in URL order", rejectedOption("replicaWeights", "1,1,1"));
        assertEquals("rwsplit: option 'replicaWeights' has 1 weight but the URL names 0 replicas: give one weight per"
                + " replica, in URL order", rejected("jdbc:rwsplit:mysql://only?replicaWeights=1"));
        assertEquals("rwsplit: option 'replicaWeights' has 2 weights but the URL names 1 replica: give one weight per"
                + " replica, in URL order", rejected("jdbc:rwsplit:mysql://p,r?replicaWeights=1,2"));
    }

    @Test
    void minimumIdleMustNotExceedMaximumPoolSize() {
        assertEquals("rwsplit: option 'pool.minimumIdle' is 11 but 'pool.maximumPoolSize' is 10: minimumIdle must not"
                + " exceed maximumPoolSize", rejectedOption("pool.minimumIdle", "11"));
        assertEquals("rwsplit: option 'pool.minimumIdle' is 5 but 'pool.maximumPoolSize' is 4: minimumIdle must not"
                + " exceed maximumPoolSize", rejected(CLUSTER + "?pool.maximumPoolSize=4&pool.minimumIdle=5"));
    }

    @Test
    void invalidConnectorJValue() {
        assertEquals("rwsplit: invalid value 'bogus' for Connector/J property 'sslMode': The connection property"
                + " 'sslMode' acceptable values are: 'DISABLED', 'PREFERRED', 'REQUIRED', 'VERIFY_CA' or"
                + " 'VERIFY_IDENTITY'. The value 'bogus' is not acceptable.", rejected(CLUSTER + "?sslMode=bogus"));
        assertTrue(rejected(CLUSTER + "?useSSL=maybe").startsWith(
                "rwsplit: invalid value 'maybe' for Connector/J property 'useSSL': "));
        assertTrue(rejected(CLUSTER + "?connectTimeout=soon").startsWith(
                "rwsplit: invalid value 'soon' for Connector/J property 'connectTimeout': "));
    }

    @Test
    void outOfRangeConnectorJInteger() {
        assertEquals("rwsplit: invalid value '-1' for Connector/J property 'connectTimeout': expected an integer from 0"
                + " to 2147483647", rejected(CLUSTER + "?connectTimeout=-1"));
        assertEquals("rwsplit: invalid value '70000' for Connector/J property 'socksProxyPort': expected an integer"
                + " from 0 to 65535", rejected(CLUSTER, props("socksProxyPort", "70000")));
    }

    @Test
    void aUserOrPasswordCutShortByAnUnencodedSlashOrQuestionMarkIsNamedWithoutShowingTheUrl() {
        String expected = "rwsplit: malformed rwsplit URL (not shown: it seems to contain a password): the first host"
                + " is not HOST[:PORT] and an '@' follows the host list; a user or password that contains '/' or '?'"
                + " must be percent-encoded (%2F, %3F); " + FORM;
        assertEquals(expected, rejected("jdbc:rwsplit:mysql://app:pa/ss@db0,db1/app"));
        assertEquals(expected, rejected("jdbc:rwsplit:mysql://app:pa?ss@db0,db1/app"));
        assertEquals(expected, rejected("jdbc:rwsplit:mysql://app:/x@db0"));
    }

    @Test
    void anAtInTheQueryIsNotMistakenForUserInfo() {
        assertEquals("me@corp", Parse.ok(CLUSTER + "?user=me@corp").user());
        assertTrue(rejected("jdbc:rwsplit:mysql://h:port/app?user=me@corp").startsWith("rwsplit: invalid port 'port'"));
    }
}
