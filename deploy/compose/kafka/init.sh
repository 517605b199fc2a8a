#!/usr/bin/env bash
# The Compose file's one-shot kafka-init: signs in as admin, creates LexGuard's topics and grants exactly the ACLs
# of the access matrix (platform/devstack KafkaAccess; deploy's ComposeFileTest reads the `topic` and `allow` lines
# below and compares them with it), then exits 0. The services start only after it has. Running it again changes
# nothing: topics are created if missing, ACLs that exist are kept.
set -euo pipefail

readonly bin=/opt/kafka/bin
readonly bootstrap=kafka:9092

if [[ ! "${LEXGUARD_KAFKA_PASSWORD_ADMIN:-}" =~ ^[A-Za-z0-9._-]+$ ]]; then
    echo "init.sh: LEXGUARD_KAFKA_PASSWORD_ADMIN must be set, to letters, digits, '.', '_' and '-' only" >&2
    exit 1
fi
umask 077
admin=$(mktemp)
trap 'rm -f "$admin"' EXIT
cat > "$admin" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$LEXGUARD_KAFKA_PASSWORD_ADMIN";
EOF

for attempt in $(seq 1 60); do
    if "$bin/kafka-broker-api-versions.sh" --bootstrap-server "$bootstrap" --command-config "$admin" > /dev/null 2>&1; then
        break
    fi
    if (( attempt == 60 )); then
        echo "init.sh: the broker at $bootstrap did not accept admin's sign-in after $attempt attempts" >&2
        exit 1
    fi
    sleep 2
done

# topic NAME PARTITIONS
topic() {
    "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" \
        --create --if-not-exists --topic "$1" --partitions "$2" --replication-factor 1 > /dev/null
    echo "init.sh: topic $1"
}

# allow PRINCIPAL OPERATION[,OPERATION...] topic|group literal|prefixed NAME...
allow() {
    local principal=$1 operations=$2 type=$3 pattern=$4
    shift 4
    local arguments=(--bootstrap-server "$bootstrap" --command-config "$admin" --add --allow-principal "User:$principal"
        --resource-pattern-type "$pattern")
    local operation name split
    IFS=, read -ra split <<< "$operations"
    for operation in "${split[@]}"; do
        arguments+=(--operation "$operation")
    done
    for name in "$@"; do
        arguments+=("--$type" "$name")
    done
    "$bin/kafka-acls.sh" "${arguments[@]}" > /dev/null
    echo "init.sh: $principal may $operations $type $pattern $*"
}

topic lexguard.identity.events 6
topic lexguard.permissions.events 6
topic lexguard.sharing.events 6
topic lexguard.sessions.events 6
topic lexguard.gateway.events 6
topic lexguard.activity.events 6
topic lexguard.feed.events 6
topic lexguard.identity.dlq 1
topic lexguard.permissions.dlq 1
topic lexguard.sharing.dlq 1
topic lexguard.sessions.dlq 1
topic lexguard.feed.dlq 1
topic lexguard.mailer.dlq 1

allow identity-service Write,Describe topic literal lexguard.identity.events lexguard.identity.dlq
allow identity-service Read,Describe topic literal lexguard.sessions.events lexguard.permissions.events lexguard.sharing.events
allow identity-service Read,Describe group prefixed identity-service

allow permissions-service Write,Describe topic literal lexguard.permissions.events lexguard.permissions.dlq
allow permissions-service Read,Describe topic literal lexguard.identity.events lexguard.activity.events
allow permissions-service Read,Describe group prefixed permissions-service

allow sharing-service Write,Describe topic literal lexguard.sharing.events lexguard.sharing.dlq
allow sharing-service Read,Describe topic literal lexguard.identity.events lexguard.permissions.events lexguard.activity.events
allow sharing-service Read,Describe group prefixed sharing-service

allow sessions-service Write,Describe topic literal lexguard.sessions.events lexguard.sessions.dlq
allow sessions-service Read,Describe topic literal lexguard.identity.events lexguard.gateway.events lexguard.permissions.events
allow sessions-service Read,Describe group prefixed sessions-service

allow feed-service Write,Describe topic literal lexguard.feed.events lexguard.feed.dlq
allow feed-service Read,Describe topic literal lexguard.identity.events lexguard.permissions.events lexguard.sharing.events lexguard.sessions.events lexguard.activity.events
allow feed-service Read,Describe group prefixed feed-service

allow gateway Write,Describe topic literal lexguard.gateway.events
allow gateway Read,Describe topic literal lexguard.sessions.events lexguard.identity.events
allow gateway Read,Describe group prefixed gateway

allow practice-core Write,Describe topic literal lexguard.activity.events

allow integrator Read,Describe topic literal lexguard.identity.events lexguard.permissions.events lexguard.sharing.events lexguard.sessions.events lexguard.gateway.events lexguard.activity.events lexguard.feed.events
allow integrator Read,Describe group prefixed integrator

allow mailer-service Write,Describe topic literal lexguard.mailer.dlq
allow mailer-service Read,Describe topic literal lexguard.identity.events lexguard.sessions.events lexguard.sharing.events lexguard.feed.events
allow mailer-service Read,Describe group prefixed mailer-service

echo "init.sh: topics and ACLs are in place"
