# HomelabARR server image. Build it with scripts/build-image.sh, which runs `mvn package` first: the image takes
# the built jar and its libraries from target/ instead of running Maven inside the build, so it builds the same
# way on a machine without network access (where --local swaps the two base images for ones made from Debian's
# packages, see scripts/base-images.sh).
ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG RUNTIME_IMAGE=debian:bookworm-slim

# A Java runtime with only the modules the server uses (jdeps over the jar and its libraries, plus the ones
# loaded by name: logging, TLS curves, zip file systems for migrations in the jar).
FROM ${JDK_IMAGE} AS runtime
RUN jlink --add-modules java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.zipfs \
      --strip-java-debug-attributes --no-man-pages --no-header-files --compress=zip-6 --generate-cds-archive \
      --output /opt/java/runtime

FROM ${RUNTIME_IMAGE}
ARG VERSION=dev
ARG REVISION=unknown
ARG SOURCE=""
# SPDX: the project has not chosen its licence yet
ARG LICENSE=NOASSERTION
LABEL org.opencontainers.image.title="HomelabARR" \
      org.opencontainers.image.description="Deploy and manage homelab apps on Docker from a curated catalog" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="${LICENSE}"
# A fixed unprivileged user: it reaches the Docker socket through the socket's group, given with group_add
# (see compose.yaml); the server says at start which group id that is when it cannot connect.
RUN echo 'homelabarr:x:10001:10001:HomelabARR:/data:/usr/sbin/nologin' >>/etc/passwd \
 && echo 'homelabarr:x:10001:' >>/etc/group \
 && mkdir -p /data /opt/homelabarr \
 && chown 10001:10001 /data
COPY --from=runtime /opt/java/runtime /opt/java
COPY target/libs /opt/homelabarr/libs
COPY target/homelabarr.jar /opt/homelabarr/homelabarr.jar
# the JVM flags ./run.sh uses (measured in docs/benchmarks.md); JAVA_OPTS adds to or overrides them
COPY scripts/jvm.options /opt/homelabarr/jvm.options
# The AOT cache (JEP 483/514), made in the image by a training run of the server itself (see AotTraining: a free
# loopback port, a throw-away data folder, no Docker Engine needed): a start then finds its classes loaded and linked.
# It fits these flags; with other ones in JAVA_OPTS (another collector) the JVM ignores it silently (-Xlog:aot=off).
RUN /opt/java/bin/java @/opt/homelabarr/jvm.options --enable-native-access=ALL-UNNAMED \
      -XX:AOTCacheOutput=/opt/homelabarr/homelabarr.aot -Xlog:aot*=off -Xlog:cds*=off -Dhomelabarr.aotTraining=true \
      -jar /opt/homelabarr/homelabarr.jar \
 && test -s /opt/homelabarr/homelabarr.aot \
 && rm -rf /tmp/*
ENV DATA_DIR=/data \
    JAVA_OPTS="" \
    PATH=/opt/java/bin:/usr/sbin:/usr/bin:/sbin:/bin
VOLUME /data
EXPOSE 8092
USER 10001:10001
WORKDIR /data
# Any HTTP answer counts: /health says 503 when the Docker Engine is away, and restarting HomelabARR would not
# bring the engine back. bash's /dev/tcp needs no extra package.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8092} && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -c 12 <&3 | grep -Eq '^HTTP/1\\.1 (200|503)'"]
ENTRYPOINT ["/bin/sh", "-c", "exec java @/opt/homelabarr/jvm.options $JAVA_OPTS --enable-native-access=ALL-UNNAMED -XX:AOTCache=/opt/homelabarr/homelabarr.aot -Xlog:aot*=off -Xlog:cds*=off -jar /opt/homelabarr/homelabarr.jar"]
