#!/bin/sh
# Runs once at each start of the monitoring task, before the other containers (they wait for it to succeed):
# copies the monitoring configuration from the task's configuration bucket into the task's volumes, gives each data
# volume to the user its server runs as, and writes each secret to a file only its reader may read. The secrets come
# from Secrets Manager as this container's environment; they are never in the bucket or in the task definition.
set -eu

bucket="s3://${CONFIG_BUCKET}"
copy_tree() {
  aws s3 cp --recursive --only-show-errors "${bucket}/$1" "$2"
}
copy_file() {
  mkdir -p "$(dirname "$2")"
  aws s3 cp --only-show-errors "${bucket}/$1" "$2"
}

copy_tree prometheus/ /volumes/prometheus/
copy_tree alertmanager/ /volumes/alertmanager/
copy_tree blackbox/ /volumes/blackbox/
# Grafana runs where the spec lists dashboards.
if [ -n "${DASHBOARDS}" ]; then
  copy_file grafana/provisioning/dashboards/dashboards.yaml /volumes/grafana-provisioning/dashboards/dashboards.yaml
  copy_file grafana/ecs/provisioning/datasources/datasources.yaml /volumes/grafana-provisioning/datasources/datasources.yaml
  for dashboard in ${DASHBOARDS}; do
    copy_file "grafana/ecs/dashboards/${dashboard}" "/volumes/grafana-dashboards/${dashboard}"
  done
fi

# Prometheus and Alertmanager run as nobody, Grafana as 472: each may write its own data volume only.
chown 65534:65534 /volumes/prometheus-data /volumes/alertmanager-data
chown 472:0 /volumes/grafana-data /volumes/grafana-tmp

# SECRET_FILES lists file=VARIABLE=uid: the file under /run/secrets, the variable holding its value, its reader.
umask 0377
for entry in ${SECRET_FILES}; do
  file=${entry%%=*}
  rest=${entry#*=}
  variable=${rest%%=*}
  owner=${rest#*=}
  value=$(printenv "${variable}") || { echo "config-init: ${variable} is not set: the task definition must inject it" >&2; exit 1; }
  printf '%s' "${value}" > "/volumes/secrets/${file}"
  chown "${owner}" "/volumes/secrets/${file}"
done
echo "config-init: configuration $(printenv CONFIG_VERSION | cut -c1-12) copied"
