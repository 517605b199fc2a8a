# A service's image with its class-data archive (AppCDS): deploy/images/build trains it with CdsTraining (the
# service started in this very image, its JVM archiving every class it loaded), then adds it here.
ARG PLAIN
FROM ${PLAIN}
COPY --chown=0:0 app-cds.jsa /app/app-cds.jsa
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/app-cds.jsa", "-Xshare:auto", "-jar", "/app/quarkus-run.jar"]
