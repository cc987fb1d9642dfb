package dev.cliproxy.host.server;

import dev.cliproxy.host.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the server's TLS context from {@code tls.cert} (PEM chain) and {@code tls.key} (PEM PKCS#8 key). */
final class PemTls {

    private PemTls() {
    }

    static SSLContext context(String certFile, String keyFile) {
        if (certFile.isBlank() || keyFile.isBlank()) {
            throw new ConfigException("tls.enable is true but tls.cert or tls.key is empty");
        }
        try {
            Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(Path.of(certFile))));
            if (chain.isEmpty()) {
                throw new ConfigException("tls.cert " + certFile + " holds no certificate");
            }
            PrivateKey key = privateKey(Files.readString(Path.of(keyFile)), keyFile);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] pass = new char[0];
            store.setKeyEntry("server", key, pass, chain.toArray(Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, pass);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot set up TLS from tls.cert/tls.key: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(String pem, String file) throws GeneralSecurityException {
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < 0) {
            throw new ConfigException("tls.key " + file + " must be a PEM PKCS#8 key (BEGIN PRIVATE KEY); convert"
                    + " with: openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException tryNext) {
                // not this algorithm; try the next one
            }
        }
        throw new ConfigException("tls.key " + file + ": unsupported key algorithm (RSA, EC or Ed25519 expected)");
    }
}
