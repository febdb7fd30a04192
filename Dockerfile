# A livechat node from the project's jar. Build the jar first:
#   mvn -q -DskipTests package
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY cluster-config/target/livechat.jar /app/livechat.jar
ENV LIVECHAT_HTTP_INTERFACE=0.0.0.0 \
    LIVECHAT_CLUSTER_BIND_HOST=0.0.0.0
EXPOSE 8080 25520
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/livechat.jar"]
