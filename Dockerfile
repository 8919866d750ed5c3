# Image of one service, built from the jar Maven already made for its module (run
# `./mvnw -q install -DskipTests` first); docker-compose.yml at the repository root builds each
# service with this file and its own build args:
#   MODULE           the Maven module (and jar name), e.g. alert-dispatcher
#   PORT             the HTTP port it listens on
#   MANAGEMENT_PORT  the actuator port the health check asks
#   JVM_OPTIONS      the module's jvm.options (why: in that file); none by default
#   CDS_TRAINING     arguments of a start-up training run that stops once the context is
#                    refreshed, for a class data sharing archive; none: no archive
#   STATE_DIR        a directory the service writes state to, owned by the service's user
FROM eclipse-temurin:17-jre AS layers
ARG MODULE
ARG VERSION=0.1.0-SNAPSHOT
WORKDIR /build
COPY ${MODULE}/target/${MODULE}-${VERSION}-exec.jar module.jar
# one image layer per jar layer, so a code change does not re-ship every dependency; plain jars
# (no launcher), because class data sharing archives only classes loaded from jar files
RUN java -Djarmode=tools -jar module.jar extract --layers --application-filename app.jar --destination extracted

FROM eclipse-temurin:17-jre
ARG PORT
ARG MANAGEMENT_PORT
ARG JVM_OPTIONS=ops/docker/no.jvm.options
ARG CDS_TRAINING=
ARG STATE_DIR=
# curl answers the health check
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app app
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
COPY ${JVM_OPTIONS} jvm.options
# Where time to resume after a crash is mostly start-up (the worker), the image carries a class
# data sharing archive of the classes Spring loads while it starts, made by a training run that
# stops before anything would connect to Kafka; the service then starts with it.
RUN if [ -n "$CDS_TRAINING" ]; then \
      java @jvm.options -XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh -jar app.jar \
        $CDS_TRAINING \
      && test -s app.jsa && echo "-XX:SharedArchiveFile=app.jsa" >> jvm.options; \
    fi
RUN if [ -n "$STATE_DIR" ]; then mkdir -p "$STATE_DIR" && chown app "$STATE_DIR"; fi
USER app
EXPOSE ${PORT}
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    HEALTH_CHECK_PORT=${MANAGEMENT_PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
  CMD curl -fsS http://localhost:${HEALTH_CHECK_PORT}/actuator/health || exit 1
ENTRYPOINT ["java", "@jvm.options", "-jar", "app.jar"]
