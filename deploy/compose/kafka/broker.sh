#!/usr/bin/env bash
# The Compose file's Kafka broker (the apache/kafka image runs this instead of its own start script). On first start
# it formats the storage with a SCRAM-SHA-512 credential for every principal, so the broker never runs a moment
# without them; then it starts the broker with server.properties plus the two logins that hold passwords.
#
# Every LEXGUARD_KAFKA_PASSWORD_<NAME> variable is the password of the user <name> in lower case with '-' for '_'
# (LEXGUARD_KAFKA_PASSWORD_IDENTITY_SERVICE is identity-service's); LEXGUARD_KAFKA_CONTROLLER_PASSWORD is the
# controller's, on its own listener only. Credentials are written once, when the storage is formatted: to change
# a password, remove the broker's volume (docker compose down -v).
set -euo pipefail

readonly kafka=/opt/kafka
readonly config=/opt/lexguard/server.properties
readonly work=/tmp/lexguard
readonly cluster_id=7ttI-9daQ4yoM-NydQUP8Q
readonly scram_module=org.apache.kafka.common.security.scram.ScramLoginModule
readonly plain_module=org.apache.kafka.common.security.plain.PlainLoginModule

# The password goes into a JAAS line and into kafka-storage's --add-scram syntax unquoted: keep it to characters
# neither treats specially.
require_password() {
    if [[ ! "${!1:-}" =~ ^[A-Za-z0-9._-]+$ ]]; then
        echo "broker.sh: $1 must be set, to letters, digits, '.', '_' and '-' only" >&2
        exit 1
    fi
}

require_password LEXGUARD_KAFKA_PASSWORD_ADMIN
require_password LEXGUARD_KAFKA_CONTROLLER_PASSWORD
admin_password=$LEXGUARD_KAFKA_PASSWORD_ADMIN
controller_password=$LEXGUARD_KAFKA_CONTROLLER_PASSWORD

umask 077
mkdir -p "$work"
properties=$work/server.properties
{
    cat "$config"
    echo
    echo "listener.name.clients.scram-sha-512.sasl.jaas.config=$scram_module required username=\"admin\" password=\"$admin_password\";"
    echo "listener.name.controller.plain.sasl.jaas.config=$plain_module required username=\"controller\" password=\"$controller_password\" user_controller=\"$controller_password\";"
} > "$properties"

# The health check (compose.yaml) signs in as admin with this file.
cat > "$work/admin.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$scram_module required username="admin" password="$admin_password";
EOF

scram=()
while IFS= read -r variable; do
    require_password "$variable"
    user=${variable#LEXGUARD_KAFKA_PASSWORD_}
    user=${user,,}
    user=${user//_/-}
    scram+=(--add-scram "SCRAM-SHA-512=[name=$user,password=${!variable}]")
    echo "broker.sh: SCRAM-SHA-512 user $user"
done < <(compgen -v LEXGUARD_KAFKA_PASSWORD_)

"$kafka/bin/kafka-storage.sh" format --ignore-formatted --cluster-id "$cluster_id" --config "$properties" "${scram[@]}"
exec "$kafka/bin/kafka-server-start.sh" "$properties"
