package homelabarr.environments;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PEM material as people have it: PKCS#8 and the older RSA/EC forms read; wrong or locked material refused. */
class TlsMaterialTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        openssl("req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 2 -subj /CN=ca");
        openssl("req -newkey rsa:2048 -nodes -keyout key.pem -out c.csr -subj /CN=c");
        openssl("x509 -req -in c.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -days 2");
        openssl("rsa -in key.pem -traditional -out key-rsa.pem");
        openssl("rsa -in key.pem -aes128 -passout pass:secret -out key-locked.pem");
        openssl("ecparam -name prime256v1 -genkey -noout -out ec-key.pem");
        openssl("req -new -key ec-key.pem -out ec.csr -subj /CN=ec");
        openssl("x509 -req -in ec.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out ec-cert.pem -days 2");
    }

    @Test
    void readsPkcs8AndTheOlderForms() throws Exception {
        assertThat(TlsMaterial.parse(read("ca.pem"), read("cert.pem"), read("key.pem")).sslContext()).isNotNull();
        assertThat(read("key-rsa.pem")).contains("BEGIN RSA PRIVATE KEY");
        assertThat(TlsMaterial.parse(read("ca.pem"), read("cert.pem"), read("key-rsa.pem")).key().getAlgorithm())
                .isEqualTo("RSA");
        assertThat(read("ec-key.pem")).contains("BEGIN EC PRIVATE KEY");
        assertThat(TlsMaterial.parse(read("ca.pem"), read("ec-cert.pem"), read("ec-key.pem")).sslContext()).isNotNull();
    }

    @Test
    void refusesWhatCannotBeUsedSayingWhich() throws Exception {
        assertThatThrownBy(() -> TlsMaterial.parse(read("ca.pem"), read("cert.pem"), read("ec-key.pem")))
                .isInstanceOf(TlsMaterial.Invalid.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> TlsMaterial.parse(read("ca.pem"), read("cert.pem"), read("key-locked.pem")))
                .isInstanceOf(TlsMaterial.Invalid.class).hasMessageContaining("passphrase");
        assertThatThrownBy(() -> TlsMaterial.parse("x", read("cert.pem"), read("key.pem")))
                .isInstanceOf(TlsMaterial.Invalid.class).hasMessageStartingWith("ca ");
        assertThatThrownBy(() -> TlsMaterial.parse(read("ca.pem"), read("key.pem"), read("key.pem")))
                .isInstanceOf(TlsMaterial.Invalid.class).hasMessageStartingWith("cert ");
        assertThatThrownBy(() -> TlsMaterial.parse(read("ca.pem"), read("cert.pem"), read("cert.pem")))
                .isInstanceOf(TlsMaterial.Invalid.class).hasMessageStartingWith("key ");
    }

    private static String read(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    private static void openssl(String args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args.split(" ")));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
