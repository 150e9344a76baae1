{{/* Chart name, truncated to the 63 characters a label allows. */}}
{{- define "store.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name: the release name (store-platform, store-platform-blue, ...), unless overridden. */}}
{{- define "store.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Role checks: which objects this release renders (see values.yaml blueGreen.role). */}}
{{- define "store.validateRole" -}}
{{- $role := .Values.blueGreen.role -}}
{{- if not (has $role (list "all" "colour" "router")) -}}
{{- fail (printf "blueGreen.role must be all, colour or router, not %q" $role) -}}
{{- end -}}
{{- if and (eq $role "colour") (not (has .Values.blueGreen.colour (list "blue" "green"))) -}}
{{- fail "blueGreen.colour must be blue or green when blueGreen.role=colour" -}}
{{- end -}}
{{- if and (eq $role "router") (not (has .Values.blueGreen.activeColour (list "blue" "green"))) -}}
{{- fail "blueGreen.activeColour must be blue or green when blueGreen.role=router" -}}
{{- end -}}
{{- end -}}
{{- define "store.workloads" -}}{{- if ne .Values.blueGreen.role "router" -}}true{{- end -}}{{- end -}}
{{- define "store.shared" -}}{{- if ne .Values.blueGreen.role "colour" -}}true{{- end -}}{{- end -}}

{{/* Labels shared by every object. */}}
{{- define "store.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: store-platform
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of a component (api, web, migration) of this release, with its colour. */}}
{{- define "store.selectorLabels" -}}
app.kubernetes.io/name: {{ include "store.name" .root }}
app.kubernetes.io/component: {{ .component }}
{{- if eq .root.Values.blueGreen.role "colour" }}
store-platform/colour: {{ .root.Values.blueGreen.colour }}
{{- end }}
{{- end -}}

{{/* Selector of the live Services: the same component of the active colour, or of this release. */}}
{{- define "store.liveSelector" -}}
app.kubernetes.io/name: {{ include "store.name" .root }}
app.kubernetes.io/component: {{ .component }}
{{- if eq .root.Values.blueGreen.role "router" }}
store-platform/colour: {{ .root.Values.blueGreen.activeColour }}
{{- else }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}
{{- end -}}

{{- define "store.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "store.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* image reference: repository@digest or repository:tag. */}}
{{- define "store.image" -}}
{{- if .digest -}}
{{- printf "%s@%s" .repository .digest -}}
{{- else -}}
{{- if or (not .tag) (eq (toString .tag) "latest") -}}
{{- fail (printf "image %s needs a pinned tag or digest, not %q" .repository (toString .tag)) -}}
{{- end -}}
{{- printf "%s:%s" .repository (toString .tag) -}}
{{- end -}}
{{- end -}}

{{/* Name of the Secret with DATABASE_URL / JWT key when Vault is off. */}}
{{- define "store.secretName" -}}{{ include "store.fullname" . }}{{- end -}}

{{/* Vault Agent injector annotations shared by the service pods and the migration Job. */}}
{{- define "store.vaultAnnotations" -}}
{{- $v := .root.Values.vault -}}
vault.hashicorp.com/agent-inject: "true"
vault.hashicorp.com/role: {{ $v.role | quote }}
vault.hashicorp.com/service: {{ $v.address | quote }}
vault.hashicorp.com/tls-secret: {{ $v.tlsSecret | quote }}
vault.hashicorp.com/ca-cert: {{ $v.caCert | quote }}
vault.hashicorp.com/agent-run-as-user: {{ .root.Values.podSecurityContext.runAsUser | quote }}
vault.hashicorp.com/agent-run-as-group: {{ .root.Values.podSecurityContext.runAsGroup | quote }}
vault.hashicorp.com/agent-requests-cpu: {{ $v.agentResources.requests.cpu | quote }}
vault.hashicorp.com/agent-requests-mem: {{ $v.agentResources.requests.memory | quote }}
vault.hashicorp.com/agent-limits-cpu: {{ $v.agentResources.limits.cpu | quote }}
vault.hashicorp.com/agent-limits-mem: {{ $v.agentResources.limits.memory | quote }}
vault.hashicorp.com/agent-inject-secret-database-url: {{ $v.database.path | quote }}
vault.hashicorp.com/agent-inject-template-database-url: {{ $v.database.template | quote }}
vault.hashicorp.com/agent-inject-perms-database-url: "0400"
{{- if .jwt }}
vault.hashicorp.com/agent-inject-secret-jwt-key: {{ $v.jwt.path | quote }}
vault.hashicorp.com/agent-inject-template-jwt-key: {{ $v.jwt.template | quote }}
vault.hashicorp.com/agent-inject-perms-jwt-key: "0400"
{{- end }}
{{- if .prePopulateOnly }}
vault.hashicorp.com/agent-pre-populate-only: "true"
{{- end }}
{{- end -}}

{{/* Environment of the service container (and of the migration Job, which needs only the DB). */}}
{{- define "store.env" -}}
- name: PORT
  value: {{ .Values.service.containerPort | quote }}
- name: DATA_DIR
  value: {{ .Values.config.dataDir | quote }}
{{- if .Values.vault.enabled }}
- name: DATABASE_URL_FILE
  value: {{ printf "%s/database-url" .Values.vault.secretsDir | quote }}
- name: JWT_SECRET_FILE
  value: {{ printf "%s/jwt-key" .Values.vault.secretsDir | quote }}
- name: VAULT_ADDR
  value: {{ .Values.vault.address | quote }}
- name: VAULT_K8S_ROLE
  value: {{ .Values.vault.role | quote }}
- name: VAULT_KV_MOUNT
  value: {{ .Values.vault.kvMount | quote }}
- name: VAULT_CACERT
  value: {{ printf "%s/ca.crt" .Values.vault.serviceCaDir | quote }}
# The JWT key comes from the agent's file (rotates without a restart): no KV lookup at start.
- name: VAULT_SERVICE_SECRETS_PATH
  value: ""
{{- else }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ default (include "store.secretName" .) .Values.database.existingSecret }}
      key: {{ if .Values.database.existingSecret }}{{ .Values.database.existingSecretKey }}{{ else }}database-url{{ end }}
- name: JWT_SECRET_FILE
  value: /var/run/secrets/store-service/jwt-key
{{- end }}
{{- if .Values.redis.existingSecret }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.existingSecret }}
      key: {{ .Values.redis.existingSecretKey }}
{{- end }}
{{- if .Values.auth.bootstrapAdminSecret }}
- name: BOOTSTRAP_ADMIN_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.auth.bootstrapAdminSecret }}
      key: bootstrap-admin-password
{{- end }}
{{- end -}}

{{/* Volumes with the CAs the service verifies TLS with: PostgreSQL's, and Vault's (the injector
mounts Vault's CA into its agent containers only). Called with (dict "root" . "vaultCa" BOOL). */}}
{{- define "store.caVolumes" -}}
{{- $v := .root.Values -}}
{{- if $v.database.tls.caSecret }}
- name: postgresql-ca
  secret:
    secretName: {{ $v.database.tls.caSecret }}
    items: [{key: ca.crt, path: ca.crt}]
{{- end }}
{{- if and $v.vault.enabled .vaultCa }}
- name: vault-ca
  secret:
    secretName: {{ $v.vault.tlsSecret }}
    items: [{key: ca.crt, path: ca.crt}]
{{- end }}
{{- end -}}
{{- define "store.caMounts" -}}
{{- $v := .root.Values -}}
{{- if $v.database.tls.caSecret }}
- {name: postgresql-ca, mountPath: {{ $v.database.tls.caDir }}, readOnly: true}
{{- end }}
{{- if and $v.vault.enabled .vaultCa }}
- {name: vault-ca, mountPath: {{ $v.vault.serviceCaDir }}, readOnly: true}
{{- end }}
{{- end -}}
