# syntax=docker/dockerfile:1
# The image of each Flashcastr service, one module per build: MODULE=producer (invaders.bot, management/metrics
# on 9090), consumer (invaders.consumer, 9091) or api (flashcastr.api, GraphQL on 4000, management/metrics on 9092);
# PORTS lists what the image exposes. Build from the repository root, e.g.
#   docker build -f service.Dockerfile --build-arg MODULE=producer --build-arg PORTS=9090 -t flashcastr/producer .
# (docker-compose.yml passes both for each service; on Railway set them as service variables.)
# Multi-stage: the JDK builds the module (with Spring AOT's generated wiring, run with -Dspring.aot.enabled=true),
# the layered exec jar is extracted (dependencies change less often than the application, so image layers are
# reused), a training run writes a JDK 25 AOT cache (start-up 2-5x faster, measured in docs/benchmarks.md), and the
# same JRE runs it as a non-root user.

FROM eclipse-temurin:25.0.3_9-jdk AS build
ARG MODULE
ARG PORTS
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    { [ -n "${MODULE}" ] && [ -n "${PORTS}" ] || { echo "build arguments MODULE (producer, consumer or api) and PORTS are required" >&2; exit 1; }; } \
 && ./mvnw -B -q -pl ${MODULE} -am package -DskipTests -Dspring-javaformat.skip=true \
 && cp ${MODULE}/target/${MODULE}-*-exec.jar /app.jar
# Spring Boot's jarmode tools: one folder per layer, together app.jar + lib/ (a jar on the class path, as the AOT
# cache requires).
RUN java -Djarmode=tools -jar /app.jar extract --layers --destination /extracted

# The training run uses the runtime image itself: an AOT cache is only valid for the JVM build that wrote it.
FROM eclipse-temurin:25.0.3_9-jre AS train
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
ENV JAVA_TOOL_OPTIONS="-Dspring.aot.enabled=true -Xms32m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000 -XX:CICompilerCount=2 -XX:Tier3DelayOff=100000 -XX:+ExitOnOutOfMemoryError"
# Start, ask the service its probes, a scrape and (the API) a GraphQL query, and exit (AotTrainingRun): the cache
# then holds the whole start and those paths. No database or broker is needed once migrations are off (read at run
# time: Spring AOT fixed Flyway's beans when the jar was built); readiness answers 503 here, which is fine.
RUN SPRING_FLYWAY_ENABLED=false DATABASE_URL=postgres://training@127.0.0.1:1/none \
    RABBITMQ_URL=amqp://training:training@127.0.0.1:1 \
    java -XX:AOTCacheOutput=app.aot -Dflashcastr.aot.training=true -jar app.jar

FROM eclipse-temurin:25.0.3_9-jre
ARG PORTS
RUN groupadd --system --gid 10001 flashcastr && useradd --system --uid 10001 --gid flashcastr --no-create-home flashcastr
WORKDIR /app
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
COPY --from=train /app/app.aot ./
USER 10001
# Sized for a 256 MiB container (README "Memory and start-up", figures in docs/benchmarks.md): a 128 MiB Serial-GC
# heap (live set 43-48 MiB; G1's remembered sets and concurrent cycles cost 30-40 MiB and pause spikes on small
# machines), metaspace, code cache and direct buffers capped so a leak fails loudly, at most two JIT compiler
# threads, two malloc arenas trimmed every 5 s (the compilers' scratch memory otherwise stays in glibc), hot methods
# let past C1's limited-profile tier however long C2's queue (JDK-8386852: with an AOT cache it held them back). Same
# options as the training run, so the AOT cache matches (a mismatched cache is skipped with a warning, never fatal).
ENV JAVA_TOOL_OPTIONS="-Dspring.aot.enabled=true -Xms32m -Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:TrimNativeHeapInterval=5000 -XX:CICompilerCount=2 -XX:Tier3DelayOff=100000 -XX:+ExitOnOutOfMemoryError" \
    MALLOC_ARENA_MAX=2
EXPOSE ${PORTS}
ENTRYPOINT ["java", "-XX:AOTCache=app.aot", "-jar", "app.jar"]
