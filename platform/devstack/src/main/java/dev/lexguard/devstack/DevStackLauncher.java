package dev.lexguard.devstack;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jar's entry point ({@code java -jar lexguard-devstack.jar}). The servers' jars are optional dependencies,
 * listed in {@value SupervisorClasspath#RESOURCE} rather than in the manifest (a Class-Path manifest would put
 * them on every service's test classpath too), so this loads the supervisor in a class loader built from that
 * list and runs it in this JVM: Ctrl-C and SIGTERM reach it directly.
 */
public final class DevStackLauncher {

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
        Method main = loader.loadClass(DevStackMain.class.getName()).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
