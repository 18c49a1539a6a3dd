package homelabarr.notifications;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The HTTP part of the HTTP channels: one POST, any 2xx is success. Redirects are not followed (a moved endpoint
 * would get the signature or token headers unasked), and error texts name the host, never the URL: a Discord
 * webhook URL is itself the secret.
 */
final class HttpDelivery {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int MAX_ANSWER = 200;
    private final Object clientLock = new Object();
    /**
     * Built by the first delivery, not at start: a client starts a selector thread of its own and loads the JDK's
     * trusted certificates, which a server without channels never needs.
     */
    private HttpClient client;
    private boolean closed;

    private HttpClient client() throws DeliveryException {
        synchronized (clientLock) {
            if (client == null) {
                if (closed) {
                    throw new DeliveryException("Not sent: the server is stopping");
                }
                client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
            }
            return client;
        }
    }

    HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("User-Agent", "HomelabARR");
    }

    void post(HttpRequest.Builder request, URI uri) throws DeliveryException {
        HttpResponse<String> res;
        try {
            res = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new DeliveryException(uri.getHost() + " did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new DeliveryException("Cannot reach " + uri.getHost() + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("Interrupted (the server is stopping)");
        }
        if (res.statusCode() / 100 != 2) {
            String answer = res.body() == null ? "" : res.body().replaceAll("\\p{Cntrl}", " ").strip();
            if (answer.length() > MAX_ANSWER) {
                answer = answer.substring(0, MAX_ANSWER) + "…";
            }
            throw new DeliveryException("HTTP " + res.statusCode() + " from " + uri.getHost()
                    + (answer.isEmpty() ? "" : ": " + answer));
        }
    }

    void close() {
        synchronized (clientLock) {
            closed = true;
            if (client != null) {
                client.close();
            }
        }
    }
}
