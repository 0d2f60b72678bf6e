package io.github.rwsplit.testcluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An unpacked MariaDB server and how to run it. */
record MariaDbBinaries(Path server, Path baseDir, Path libDir) {

    /** mariadbd refuses to run as root unless told to; only the OS account it runs under matters here. */
    private static final boolean RUNNING_AS_ROOT =
            ProcessHandle.current().info().user().map("root"::equals).orElse(false);

    /** The server with {@code arguments}, after the options every run needs. */
    ProcessBuilder processBuilder(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(server.toString());
        command.add("--no-defaults"); // must come first: no my.cnf of this machine may leak in
        command.add("--basedir=" + baseDir);
        if (RUNNING_AS_ROOT) {
            command.add("--user=root");
        }
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(baseDir.toFile());
        builder.environment().put("LD_LIBRARY_PATH", libDir.toString());
        return builder;
    }
}
