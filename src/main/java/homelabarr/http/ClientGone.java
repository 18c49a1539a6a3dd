package homelabarr.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.socket.SocketWriterException;
import io.helidon.webserver.ServerConnectionException;

import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;

/**
 * Recognises the failures that mean the client went away (closed or reset the connection mid-request or
 * mid-response, or stopped sending until the read timed out) rather than that the server is broken. They are
 * what the web server's connection layer throws: its own types, or an {@link UncheckedIOException} around a
 * socket error. An engine failure never looks like this: the Docker client reports its own failures differently.
 */
public final class ClientGone {
    private ClientGone() {
    }

    public static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataReader.InsufficientDataAvailableException
                    || t instanceof ServerConnectionException
                    || t instanceof SocketWriterException) {
                return true;
            }
            if (t instanceof UncheckedIOException u && (u.getCause() instanceof SocketException
                    || u.getCause() instanceof SocketTimeoutException || u.getCause() instanceof ClosedChannelException)) {
                return true;
            }
        }
        return false;
    }
}
