package loyalty.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port checks: the local stack binds only 127.0.0.1. */
public final class Ports {
    private Ports() {
    }

    /** A port nobody listens on right now (the OS picks it). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("no free loopback port: " + e.getMessage(), e);
        }
    }

    /**
     * A free loopback port other than {@code taken}: a port picked earlier but not yet bound is free again, and the
     * system may hand it out twice in a row.
     */
    public static int freeOtherThan(int taken) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = free();
            if (port != taken) {
                return port;
            }
        }
        throw new StackException("no free loopback port other than " + taken);
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with the fix in the message when a configured port is already taken. */
    public static void requireFree(int port, String component, String option) {
        if (!isFree(port)) {
            throw new StackException(component + " cannot listen on port " + port
                    + ": it is already taken; stop what uses it (ss -ltnp 'sport = :" + port + "') or pick another"
                    + " port with " + option + ".");
        }
    }
}
