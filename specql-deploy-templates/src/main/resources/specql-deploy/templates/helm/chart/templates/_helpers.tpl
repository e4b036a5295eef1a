{{/*
Names and labels, as Helm's scaffold writes them: names are cut at 63 characters (a DNS label) and the
recommended app.kubernetes.io labels mark every object. The component label tells the app, worker, migrations,
database and broker apart.
*/}}
{{- define "specql.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "specql.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "specql.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "specql.labels" -}}
helm.sh/chart: {{ include "specql.chart" . }}
{{ include "specql.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: {{ include "specql.name" . }}
{{- end }}

{{- define "specql.selectorLabels" -}}
app.kubernetes.io/name: {{ include "specql.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Selector labels of one component: include with (list . "app"). */}}
{{- define "specql.componentSelector" -}}
{{ include "specql.selectorLabels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* Labels of one component's objects: include with (list . "app"). */}}
{{- define "specql.componentLabels" -}}
{{ include "specql.labels" (index . 0) }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{- define "specql.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "specql.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image: by digest when one is given, else by tag (the chart's appVersion by default). */}}
{{- define "specql.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The CloudNativePG cluster; the operator names its services <cluster>-rw and its app secret <cluster>-app. */}}
{{- define "specql.databaseCluster" -}}
{{- printf "%s-db" (include "specql.fullname" . | trunc 50 | trimSuffix "-") }}
{{- end }}

{{- define "specql.databaseSecret" -}}
{{- printf "%s-app" (include "specql.databaseCluster" .) }}
{{- end }}

{{- define "specql.appSecret" -}}
{{- default (printf "%s-secrets" (include "specql.fullname" . | trunc 55 | trimSuffix "-")) .Values.app.secrets.existingSecret }}
{{- end }}

{{- define "specql.broker" -}}
{{- printf "%s-valkey" (include "specql.fullname" . | trunc 56 | trimSuffix "-") }}
{{- end }}

{{/*
The app's environment, shared by the app, its worker and the migrations (include with (list . names) where names are
the plain values a process sets itself instead): the spec's and the framework's plain values, the database's parts from the operator's secret and services, the broker's URL, and the app's secrets from
the Secret the operator of the release creates (README). A password never appears in a URL: libpq and the
frameworks read PGPASSWORD.
*/}}
{{- define "specql.env" -}}
{{- $root := index . 0 -}}
{{- $replaced := index . 1 -}}
{{- with $root }}
{{- $cluster := include "specql.databaseCluster" . -}}
{{- if .Values.app.acceptedHostsVariable }}
- name: SPECQL_POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
{{- end }}
{{- range .Values.app.database.urls }}
- name: {{ .name }}
  value: {{ printf "%s://%s@%s-rw:5432/%s%s" $root.Values.database.urlScheme $root.Values.database.owner $cluster .database .suffix | quote }}
{{- end }}
{{- range .Values.app.database.hosts }}
- name: {{ . }}
  value: {{ printf "%s-rw" $cluster | quote }}
{{- end }}
{{- range .Values.app.database.users }}
- name: {{ . }}
  valueFrom:
    secretKeyRef:
      name: {{ include "specql.databaseSecret" $root }}
      key: username
{{- end }}
{{- range .Values.app.database.passwords }}
- name: {{ . }}
  valueFrom:
    secretKeyRef:
      name: {{ include "specql.databaseSecret" $root }}
      key: password
{{- end }}
{{- if .Values.valkey.enabled }}
{{- range .Values.app.broker.urls }}
- name: {{ .name }}
  value: {{ printf "redis://%s:6379/0%s" (include "specql.broker" $root) .suffix | quote }}
{{- end }}
{{- end }}
{{- range .Values.app.secrets.keys }}
- name: {{ . }}
  valueFrom:
    secretKeyRef:
      name: {{ include "specql.appSecret" $root }}
      key: {{ . }}
{{- end }}
{{- range .Values.app.env }}
{{- if not (has .name $replaced) }}
- name: {{ .name }}
  {{- if eq .name $root.Values.app.acceptedHostsVariable }}
  {{- /* The kubelet's probes and Prometheus name the pod's address, the test pod the Service's name. */}}
  value: {{ printf "%s,%s,$(SPECQL_POD_IP)" .value (include "specql.fullname" $root) | quote }}
  {{- else }}
  value: {{ .value | quote }}
  {{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* The restricted Pod Security Standard, for every container of the chart. */}}
{{- define "specql.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{- define "specql.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.app.uid }}
runAsGroup: {{ .Values.app.uid }}
fsGroup: {{ .Values.app.uid }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* The app's writable paths as memory-backed emptyDirs under its read-only root filesystem. */}}
{{- define "specql.writableVolumes" -}}
{{- range .Values.app.writablePaths }}
- name: {{ .name }}
  emptyDir:
    sizeLimit: {{ .sizeLimit }}
{{- end }}
{{- end }}

{{- define "specql.writableMounts" -}}
{{- range .Values.app.writablePaths }}
- name: {{ .name }}
  mountPath: {{ .path }}
{{- end }}
{{- end }}

{{/* Waits for the database's read-write service, so the app and the migrations do not crash-loop on first install. */}}
{{- define "specql.waitForDatabase" -}}
- name: wait-for-database
  image: {{ .Values.database.imageName }}
  imagePullPolicy: Always
  command: ["sh", "-c", "until pg_isready -q -h \"$0\" -p 5432; do echo waiting for $0; sleep 2; done", {{ printf "%s-rw" (include "specql.databaseCluster" .) | quote }}]
  securityContext:
    {{- include "specql.containerSecurityContext" . | nindent 4 }}
  resources:
    requests:
      cpu: 10m
      memory: 16Mi
      ephemeral-storage: 16Mi
    limits:
      cpu: 100m
      memory: 32Mi
      ephemeral-storage: 64Mi
{{- end }}

{{/* Egress to the cluster's DNS, whose pods the values name (kube-dns in kube-system by default). */}}
{{- define "specql.egressToDns" -}}
- to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: {{ .Values.networkPolicy.dns.namespace }}
      podSelector:
        matchLabels:
          {{- toYaml .Values.networkPolicy.dns.podLabels | nindent 10 }}
  ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end }}

{{/* Egress of the app's processes: DNS, the database, the broker, and whatever the values add. */}}
{{- define "specql.egressToStack" -}}
{{ include "specql.egressToDns" . }}
- to:
    - podSelector:
        matchLabels:
          cnpg.io/cluster: {{ include "specql.databaseCluster" . }}
  ports:
    - port: 5432
      protocol: TCP
{{- if .Values.valkey.enabled }}
- to:
    - podSelector:
        matchLabels:
          {{- include "specql.componentSelector" (list . "broker") | nindent 10 }}
  ports:
    - port: 6379
      protocol: TCP
{{- end }}
{{- with .Values.networkPolicy.extraEgress }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
checkov's skips for every pod of the app's image, with their reasons (checkov reads them from these annotations).
*/}}
{{- define "specql.checkovWorkload" -}}
checkov.io/skip1: "CKV_K8S_43=the pipeline deploys the app's image by digest (image.digest); the database client of the init container is CloudNativePG's pinned release tag"
checkov.io/skip2: "CKV_K8S_35=the frameworks read their secrets from variables (PGPASSWORD, SECRET_KEY_BASE, ...), each from its Secret by secretKeyRef"
{{- end }}

{{/* The release's Prometheus (a Prometheus resource) and the label by which it selects its monitors and rules. */}}
{{- define "specql.prometheus" -}}
{{ include "specql.fullname" . | trunc 52 | trimSuffix "-" }}-prometheus
{{- end }}

{{/* The label selecting the release's monitors and rules: only its own Prometheus reads them. */}}
{{- define "specql.prometheusSelector" -}}
specql.dev/prometheus: {{ include "specql.prometheus" . }}
{{- end }}

{{/* The pods the Prometheus operator runs for the release's Prometheus (it sets this label on them). */}}
{{- define "specql.prometheusPods" -}}
operator.prometheus.io/name: {{ include "specql.prometheus" . }}
{{- end }}

{{- define "specql.alertmanager" -}}
{{ include "specql.fullname" . | trunc 50 | trimSuffix "-" }}-alertmanager
{{- end }}

{{/* Whether the release runs its own monitoring: the monitors are on and the release's Prometheus is. */}}
{{- define "specql.ownPrometheus" -}}
{{- if and .Values.metrics.prometheus.enabled (or .Values.metrics.serviceMonitor.enabled .Values.metrics.podMonitor.enabled) }}true{{ end }}
{{- end }}
