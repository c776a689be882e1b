# Build: the same Maven build as on a developer's machine, tests skipped (they need a browser; CI runs them).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -q -B dependency:go-offline
COPY src ./src
COPY static ./static
COPY templates ./templates
RUN mvn -q -B package -DskipTests

# Run: a JRE and the one jar.
FROM eclipse-temurin:17-jre
RUN useradd --system --create-home logitlab
WORKDIR /home/logitlab
COPY --from=build /src/target/logitlab.jar /opt/logitlab/logitlab.jar
USER logitlab
ENV PORT=7070 LOGITLAB_DATA_DIR=/home/logitlab/data
EXPOSE 7070
CMD ["java", "-Xmn64m", "-jar", "/opt/logitlab/logitlab.jar"]
