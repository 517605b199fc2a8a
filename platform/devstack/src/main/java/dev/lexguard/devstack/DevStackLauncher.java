package dev.lexguard.devstack;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The jar's entry point ({@code java -jar lexguard-devstack.jar}). The servers' jars are optional dependencies,
 * listed in {@value SupervisorClasspath#RESOURCE} rather than in the manifest (a Class-Path manifest would put
 * them on every service's test classpath too), so this loads the supervisor in a class loader built from that
 * list and runs it in this JVM: Ctrl-C and SIGTERM reach it directly. {@code console-consumer ...} runs
 * {@link ConsoleConsumerMain} the same way.
 */
public final class DevStackLauncher {

    /** The first argument that runs Kafka's console consumer against the running devstack instead. */
    static final String CONSOLE_CONSUMER = "console-consumer";

    private DevStackLauncher() {
    }

    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (Path entry : SupervisorClasspath.entries()) {
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalStateException("bad classpath entry " + entry, e);
            }
        }
        URLClassLoader loader = new URLClassLoader("devstack", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        boolean consoleConsumer = args.length > 0 && CONSOLE_CONSUMER.equals(args[0]);
        String mainClass = consoleConsumer ? ConsoleConsumerMain.class.getName() : DevStackMain.class.getName();
        Method main = loader.loadClass(mainClass).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) (consoleConsumer ? Arrays.copyOfRange(args, 1, args.length) : args));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
