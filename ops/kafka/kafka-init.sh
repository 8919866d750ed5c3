#!/bin/sh
# Creates one SCRAM-SHA-512 user per service and grants the ACLs of acls.txt beside this script,
# as the broker's super user. Run by docker-compose.yml's kafka-topics step; safe to run again
# (credentials are replaced, existing ACLs stay).
#
#   kafka-init.sh <bootstrap-server> <admin-client.properties>
#
# Each principal's password comes from KAFKA_PASSWORD_<PRINCIPAL> (upper case, '-' as '_'), e.g.
# KAFKA_PASSWORD_ACK_RECEIVER; a missing one stops the script. Letters and digits only: the
# password is passed inside kafka-configs.sh's [key=value,...] syntax.
set -eu

bootstrap="$1"
admin_config="$2"
here="$(cd "$(dirname "$0")" && pwd)"
acls="$here/acls.txt"
bin="${KAFKA_BIN:-/opt/kafka/bin}"

rules() {
  grep -v '^[[:space:]]*#' "$acls" | grep -v '^[[:space:]]*$'
}

for principal in $(rules | awk '{ print $1 }' | sort -u); do
  variable="KAFKA_PASSWORD_$(echo "$principal" | tr 'a-z-' 'A-Z_')"
  password="$(printenv "$variable" || true)"
  if [ -z "$password" ]; then
    echo "kafka-init: $variable is not set" >&2
    exit 1
  fi
  case "$password" in
    *[!A-Za-z0-9]*) echo "kafka-init: $variable must be letters and digits only" >&2; exit 1 ;;
  esac
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin_config" --alter \
    --entity-type users --entity-name "$principal" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$password]"
done

rules | while read -r principal resource pattern name operations; do
  set -- --allow-principal "User:$principal" --resource-pattern-type "$pattern" "--$resource" "$name"
  for operation in $(echo "$operations" | tr ',' ' '); do
    set -- "$@" --operation "$operation"
  done
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin_config" --add "$@" >/dev/null
  echo "kafka-init: User:$principal $operations on $resource $pattern $name"
done
