package io.github.rwsplit.testcluster;

/** A user name and its password; {@link #toString()} never shows the password. */
record Credentials(String user, String password) {

    @Override
    public String toString() {
        return user + (password.isEmpty() ? "" : ":****");
    }
}
