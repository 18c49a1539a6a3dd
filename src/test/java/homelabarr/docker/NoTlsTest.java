package homelabarr.docker;

import homelabarr.testing.DockerFixture;
import homelabarr.testing.NeedsDocker;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A unix socket's transport gets a context that refuses every use; tcp:// keeps what it was given, or plain HTTP. */
class NoTlsTest {
    @Test
    void aSocketGetsAContextThatRefusesToBeUsed() {
        SSLContext context = DockerEngine.tlsFor("unix:///var/run/docker.sock", null);
        assertThat(context).isNotNull();
        assertThatThrownBy(context::getSocketFactory).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unix socket");
        assertThatThrownBy(context::createSSLEngine).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tcpKeepsItsOwnTlsOrNone() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        assertThat(DockerEngine.tlsFor("tcp://10.0.0.5:2376", tls)).isSameAs(tls);
        assertThat(DockerEngine.tlsFor("tcp://10.0.0.5:2375", null)).isNull();
    }

    @Test
    @NeedsDocker
    void anEngineAndItsSwarmSideOnTheSocketAnswerWithoutTls() throws Exception {
        assertThat(DockerFixture.host()).as("the tests' engine must be on a unix socket (scripts/test-env.sh starts it so)")
                .startsWith("unix://");
        try (DockerEngine engine = new DockerEngine(DockerFixture.host());
             DockerSwarmEngine swarm = new DockerSwarmEngine(DockerFixture.host())) {
            assertThat(engine.containers()).isNotNull();
            assertThat(swarm.state()).isNotNull();
        }
    }
}
