"""moto's server, plus what it lacks or gets wrong for the AWS calls the generated OpenTofu makes.

Run with the interpreter of moto's own virtualenv (the directory tools/bin/moto_server links into), as
conformance/emulator.py does:
    <moto venv>/bin/python3 conformance/emulator/server.py -H 127.0.0.1 -p 4566
Everything else is moto's own server, unchanged (moto.server.main). Each addition answers with the shape of the AWS
API reference; none of it is copied from another project. Measured with moto 5.2.5 and the AWS provider of
versions.env (2026-11); each one is here because without it a resource moto otherwise supports fails to apply, to
read back or to destroy:
- Fail fast: an operation moto does not implement, or a service it does not have (DLM), answers a 400 with the code
  NotImplemented naming it. moto answers a 500, which the provider retries for 12+ minutes before failing.
- Application Auto Scaling ListTagsForResource (read after creating every aws_appautoscaling_target), and
  TagResource/UntagResource. Tags given to RegisterScalableTarget are kept per target ARN.
- EC2 MonitorInstances/UnmonitorInstances (aws_instance with `monitoring = true` calls it after creating the
  instance). They set the instance's monitoring state, which DescribeInstances already reports.
- ECS ListServiceDeployments/DescribeServiceDeployments: with wait_for_steady_state the provider follows the
  service deployment of the service's primary deployment until it is SUCCESSFUL. moto runs no tasks; each
  deployment moto lists on the service is reported as a service deployment that succeeded (the emulator proves
  the service is created as configured, not that its tasks start).
- ECS CreateService/UpdateService: moto drops the service's capacityProviderStrategy, so it would read back empty
  (and the provider refuses the next plan's change to it without force_new_deployment). It is kept on the service.
  RunTask: moto adds up the containers' memory to place the task, and fails (a 500) on a Fargate task definition,
  whose containers need none of their own (the task has it); such a container counts as 0.
  SSM ListCommandInvocations (deploy-server.sh finds the instance its command reached): from moto's commands.
  An UpdateService with a new task definition completes its deployment at once (the running count becomes the
  desired count), so that the pipelines' deploy script (pipelinedeploy.py) can wait for stable services.
- ElastiCache cache parameter groups (aws_elasticache_parameter_group: Create/Describe/Modify/Reset/Delete
  CacheParameterGroup, DescribeCacheParameters, and their tags), kept per backend with the parameters set on
  them; and DeleteCacheSubnetGroup (moto creates subnet groups but cannot delete them).
- ElastiCache replication groups: moto creates no cache clusters for their members (the provider reads the first
  one: DescribeCacheClusters answers CacheClusterNotFound), and keeps a deleted group "deleting" for ever (the
  provider waits for it to go). Members are created with the group, and a deleted group goes with its members.
- S3 CreateBucket: the provider sends the bucket's tags in CreateBucketConfiguration, which moto ignores (every
  bucket would read back untagged, and the next plan would tag it again); they are stored as the bucket's tags.
- S3 bucket policies: moto evaluates no `Bool` condition, so a statement denying requests without TLS
  (`aws:SecureTransport = false`, which every generated bucket policy has) denies every request, including the
  provider's own reads. Here aws:SecureTransport is true, as it is for the provider's requests to AWS (HTTPS):
  such a statement applies to no request; every other statement is evaluated by moto as before.
- RDS CreateDBInstanceReadReplica across regions (the disaster recovery standby, conformance/standby.py): moto sets
  the replica's attributes in the request's order and its region last, so the replica's subnet group is looked up
  in the source's region, where it is not. The replica's region is set first.
- CloudWatch in the rpc-v2-cbor protocol, which the provider's SDK speaks (POST /service/GraniteServiceVersion20100801/
  operation/<Operation>, CBOR bodies) and moto does not (a 404): each request is decoded, handed to moto's
  CloudWatch as the same operation in its JSON protocol, and moto's answer (or error) encoded back in CBOR, its
  timestamps as CBOR epoch-time tags as the protocol has them. Alarms (metric math included), dashboards and the
  Route 53 health checks that read alarms then apply as the rest does.
- Route 53 CLOUDWATCH_METRIC health checks: moto keeps neither the alarm nor the status for insufficient data, and
  answers with an endpoint check's IPAddress, Port, RequestInterval (30) and FailureThreshold, which the provider
  reads as a change of request_interval that replaces the check. They are kept and answered as AWS does, without
  the endpoint fields.
- ElastiCache replication groups without cluster mode: moto makes one member whatever NumCacheClusters asks
  unless ReplicasPerNodeGroup is given, so a group with replicas reads back with none and every plan adds them
  (IncreaseReplicaCount, which moto lacks). NumCacheClusters members are made.
S3 Control needs no addition here: moto serves it, and emulator.py's override sends it through moto as an HTTP
proxy (the SDK puts the account ID in front of the endpoint's host name).
"""

import datetime
import inspect
import io
import json
import re
import struct
import sys

import botocore.session
import xmltodict
from botocore.parsers import RpcV2CBORParser, create_parser
from botocore.serialize import create_serializer
from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse
from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult, BaseResponse, EmptyResult
from moto.ec2.responses.monitoring import Monitoring
from moto.ecs.exceptions import ServiceNotFoundException
from moto.ecs.models import EC2ContainerServiceBackend
from moto.ecs.responses import EC2ContainerServiceResponse
from moto.elasticache.exceptions import CacheSubnetGroupNotFound, ElastiCacheException
from moto.elasticache.models import CacheCluster, ElastiCacheBackend, ReplicationGroup
from moto.elasticache.responses import ElastiCacheResponse
from moto.iam.access_control import IAMPolicy, PermissionResult
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from moto.rds.models import RDSBackend
from moto.route53.models import HealthCheck, Route53Backend
from moto.route53.responses import Route53
from moto.s3.models import FakeBucket
from moto.ssm.responses import SimpleSystemManagerResponse
from moto.s3.responses import S3Response
from moto.server import main
from werkzeug.wrappers import Response

# Application Auto Scaling tags, by scalable target ARN (moto keeps none).
SCALABLE_TARGET_TAGS = {}

_register_scalable_target = ApplicationAutoScalingResponse.register_scalable_target


def register_scalable_target(self):
    body = _register_scalable_target(self)
    arn = json.loads(body)["ScalableTargetARN"]
    SCALABLE_TARGET_TAGS.setdefault(arn, {}).update(self._get_param("Tags") or {})
    return body


def list_tags_for_resource(self):
    return json.dumps({"Tags": SCALABLE_TARGET_TAGS.get(self._get_param("ResourceARN"), {})})


def tag_resource(self):
    SCALABLE_TARGET_TAGS.setdefault(self._get_param("ResourceARN"), {}).update(self._get_param("Tags") or {})
    return json.dumps({})


def untag_resource(self):
    tags = SCALABLE_TARGET_TAGS.get(self._get_param("ResourceARN"), {})
    for key in self._get_param("TagKeys") or []:
        tags.pop(key, None)
    return json.dumps({})


def set_monitoring(state):
    def action(self):
        self.error_on_dryrun()
        monitorings = []
        for instance_id in self._get_param("InstanceIds", []):
            self.ec2_backend.get_instance(instance_id).monitoring_state = state
            monitorings.append({"InstanceId": instance_id, "Monitoring": {"State": state}})
        return ActionResult({"InstanceMonitorings": monitorings})
    return action


def service_deployment(service, deployment, kind):
    """The ARN of a deployment's service deployment or service revision: named after moto's ecs-svc/ID."""
    account_region = service.cluster_arn.split(":cluster/")[0]
    return f"{account_region}:{kind}/{service.cluster_name}/{service.name}/{deployment['id'].split('/')[-1]}"


def find_service(self, cluster, name):
    cluster = self.ecs_backend._get_cluster(cluster or "default")
    service = self.ecs_backend.services.get(f"{cluster.name}:{name.split('/')[-1]}")
    if service is None:
        raise ServiceNotFoundException()
    return service


def list_service_deployments(self):
    service = find_service(self, self._get_param("cluster"), self._get_param("service"))
    return ActionResult({"serviceDeployments": [
        {"serviceDeploymentArn": service_deployment(service, deployment, "service-deployment"),
         "serviceArn": service.arn, "clusterArn": service.cluster_arn, "status": "SUCCESSFUL",
         "targetServiceRevisionArn": service_deployment(service, deployment, "service-revision"),
         "createdAt": deployment["createdAt"], "startedAt": deployment["createdAt"],
         "finishedAt": deployment["updatedAt"]}
        for deployment in service.deployments]})


def describe_service_deployments(self):
    found, failures = [], []
    for arn in self._get_param("serviceDeploymentArns", []):
        try:
            cluster, name, _ = arn.split(":service-deployment/")[1].split("/")
            service = find_service(self, cluster, name)
            deployment = next(d for d in service.deployments if service_deployment(service, d, "service-deployment") == arn)
        except (IndexError, ValueError, StopIteration, ServiceException):
            failures.append({"arn": arn, "reason": "MISSING"})
            continue
        found.append({
            "serviceDeploymentArn": arn, "serviceArn": service.arn, "clusterArn": service.cluster_arn,
            "status": "SUCCESSFUL", "createdAt": deployment["createdAt"], "startedAt": deployment["createdAt"],
            "finishedAt": deployment["updatedAt"], "updatedAt": deployment["updatedAt"],
            "targetServiceRevision": {"arn": service_deployment(service, deployment, "service-revision"),
                                      "requestedTaskCount": deployment["desiredCount"],
                                      "runningTaskCount": deployment["runningCount"],
                                      "pendingTaskCount": deployment["pendingCount"]}})
    return ActionResult({"serviceDeployments": found, "failures": failures})


_create_service = EC2ContainerServiceResponse.create_service
_update_service = EC2ContainerServiceResponse.update_service


def keep_capacity_provider_strategy(self, name, result):
    strategy = self._get_param("capacityProviderStrategy")
    if strategy is not None:
        find_service(self, self._get_param("cluster"), name).capacity_provider_strategy = strategy
    return result


def create_service(self):
    return keep_capacity_provider_strategy(self, self._get_param("serviceName"), _create_service(self))


def update_service(self):
    result = keep_capacity_provider_strategy(self, self._get_param("service"), _update_service(self))
    if self._get_param("taskDefinition"):
        complete_deployment(find_service(self, self._get_param("cluster"), self._get_param("service")))
    return result


def complete_deployment(service):
    """A new task definition's deployment, completed at once: moto runs no task, and keeps its first deployment (and a
    running count of 0) for ever, so `aws ecs wait services-stable` would never return."""
    service.running_count = service.desired_count
    service.pending_count = 0
    for deployment in service.deployments[:1]:
        deployment.update(taskDefinition=service.task_definition, desiredCount=service.desired_count,
                          runningCount=service.desired_count, pendingCount=0, rolloutState="COMPLETED")


_task_resources = EC2ContainerServiceBackend._calculate_task_resource_requirements


def task_resources(task_definition):
    """What a task needs of a container instance, with a container that sets no memory of its own counted as 0."""
    original = task_definition.container_definitions
    task_definition.container_definitions = [
        c if any(key in c for key in ("Memory", "MemoryReservation")) else dict(c, memory=c.get("memory") or c.get("memoryReservation") or 0)
        for c in original]
    try:
        return _task_resources(task_definition)
    finally:
        task_definition.container_definitions = original


def list_command_invocations(self):
    """SSM ListCommandInvocations, from the invocations moto keeps on each command (one per instance it reached)."""
    command_id, instance_id = self._get_param("CommandId"), self._get_param("InstanceId")
    invocations = [{"CommandId": invocation["CommandId"], "InstanceId": invocation["InstanceId"], "Comment": invocation["Comment"],
                    "DocumentName": invocation["DocumentName"], "RequestedDateTime": command.requested_date_time.isoformat(),
                    "Status": invocation["Status"], "StatusDetails": invocation["StatusDetails"]}
                   for command in self.ssm_backend._commands if command_id in (None, command.command_id)
                   for invocation in command.invocations if instance_id in (None, invocation["InstanceId"])]
    return ActionResult({"CommandInvocations": invocations})


def delete_cache_subnet_group(self):
    name = self._get_param("CacheSubnetGroupName")
    if self.elasticache_backend.cache_subnet_groups.pop(name, None) is None:
        raise CacheSubnetGroupNotFound(name)
    return EmptyResult()


class CacheParameterGroupNotFound(ElastiCacheException):
    code = "CacheParameterGroupNotFound"


class CacheParameterGroupAlreadyExists(ElastiCacheException):
    code = "CacheParameterGroupAlreadyExists"


_elasticache_init = ElastiCacheBackend.__init__


def elasticache_init(self, region_name, account_id):
    _elasticache_init(self, region_name, account_id)
    self.arn_regex = re.compile(self.arn_regex.pattern.replace("|user)", "|user|parametergroup)"))
    self.parameter_groups = {}  # name -> (the group as DescribeCacheParameterGroups lists it, {parameter: value})


def parameter_group(self):
    name = self._get_param("CacheParameterGroupName")
    if name not in self.elasticache_backend.parameter_groups:
        raise CacheParameterGroupNotFound(f"CacheParameterGroup {name} not found.")
    return self.elasticache_backend.parameter_groups[name]


def create_cache_parameter_group(self):
    backend = self.elasticache_backend
    name = self._get_param("CacheParameterGroupName")
    if name in backend.parameter_groups:
        raise CacheParameterGroupAlreadyExists(f"Parameter group {name} already exists.")
    group = {"CacheParameterGroupName": name, "CacheParameterGroupFamily": self._get_param("CacheParameterGroupFamily"),
             "Description": self._get_param("Description"), "IsGlobal": False,
             "ARN": f"arn:aws:elasticache:{self.region}:{self.current_account}:parametergroup:{name}"}
    backend.parameter_groups[name] = (group, {})
    backend.tagging_service.tag_resource(group["ARN"], self._get_param("Tags", []))
    return ActionResult({"CacheParameterGroup": group})


def describe_cache_parameter_groups(self):
    if self._get_param("CacheParameterGroupName"):
        groups = [parameter_group(self)[0]]
    else:
        groups = [group for group, _ in self.elasticache_backend.parameter_groups.values()]
    return ActionResult({"CacheParameterGroups": groups})


def modify_cache_parameter_group(self):
    group, parameters = parameter_group(self)
    for parameter in self._get_param("ParameterNameValues", []):
        parameters[parameter["ParameterName"]] = parameter["ParameterValue"]
    return ActionResult({"CacheParameterGroupName": group["CacheParameterGroupName"]})


def reset_cache_parameter_group(self):
    group, parameters = parameter_group(self)
    if self._get_bool_param("ResetAllParameters"):
        parameters.clear()
    for parameter in self._get_param("ParameterNameValues", []):
        parameters.pop(parameter["ParameterName"], None)
    return ActionResult({"CacheParameterGroupName": group["CacheParameterGroupName"]})


def describe_cache_parameters(self):
    # Only the parameters set on the group (Source "user"): moto knows no engine defaults.
    _, parameters = parameter_group(self)
    return ActionResult({"Parameters": [{"ParameterName": name, "ParameterValue": value, "Source": "user",
                                         "IsModifiable": True, "DataType": "string"}
                                        for name, value in sorted(parameters.items())]})


def delete_cache_parameter_group(self):
    group, _ = parameter_group(self)
    del self.elasticache_backend.parameter_groups[group["CacheParameterGroupName"]]
    self.elasticache_backend.tagging_service.delete_all_tags_for_resource(group["ARN"])
    return EmptyResult()


_bucket_response_put = S3Response._bucket_response_put


def bucket_response_put(self, request, bucket_name, querystring):
    response = _bucket_response_put(self, request, bucket_name, querystring)
    if not querystring and self.body:
        configuration = xmltodict.parse(self.body).get("CreateBucketConfiguration") or {}
        tags = (configuration.get("Tags") or {}).get("Tag") or []
        tags = tags if isinstance(tags, list) else [tags]
        if tags:
            self.backend.put_bucket_tagging(bucket_name, {tag["Key"]: tag.get("Value") or "" for tag in tags})
    return response


_create_replication_group = ElastiCacheBackend.create_replication_group
_delete_replication_group = ElastiCacheBackend.delete_replication_group


def create_replication_group(self, *args, **kwargs):
    group = _create_replication_group(self, *args, **kwargs)
    for cluster_id in group.member_clusters:
        if cluster_id in self.cache_clusters:
            continue
        settings = {name: None for name in inspect.signature(CacheCluster.__init__).parameters if name != "self"}
        settings.update(
            account_id=self.account_id, region_name=self.region_name, cache_cluster_id=cluster_id,
            replication_group_id=group.replication_group_id, num_cache_nodes=1, cache_node_type=group.cache_node_type,
            engine=group.engine, engine_version=group.engine_version, port=group.port,
            cache_parameter_group_name=group.cache_parameter_group_name, security_group_ids=group.security_group_ids,
            cache_subnet_group_name=group.cache_subnet_group_name, snapshot_window=group.snapshot_window,
            transit_encryption_enabled=group.transit_encryption_enabled,
            preferred_maintenance_window=group.preferred_maintenance_window,
            snapshot_retention_limit=group.snapshot_retention_limit)
        cluster = CacheCluster(**settings)
        cluster.replication_group_id = group.replication_group_id  # moto sets it for the redis engine only
        cluster.at_rest_encryption_enabled = group.at_rest_encryption_enabled
        cluster.transit_encryption_mode = group.transit_encryption_mode
        self.cache_clusters[cluster_id] = cluster
    return group


def delete_replication_group(self, replication_group_id, retain_primary_cluster):
    group = _delete_replication_group(self, replication_group_id, retain_primary_cluster)
    del self.replication_groups[replication_group_id]
    for cluster_id, cluster in list(self.cache_clusters.items()):
        if getattr(cluster, "replication_group_id", None) == replication_group_id:
            del self.cache_clusters[cluster_id]
    return group


def applies_to_tls_requests(statement):
    for operator, values in (statement.get("Condition") or {}).items():
        if operator.startswith("Bool"):
            for key, expected in values.items():
                if key.lower() == "aws:securetransport":
                    expected = expected if isinstance(expected, list) else [expected]
                    if "true" not in [str(value).lower() for value in expected]:
                        return False
    return True


def get_permission(self, action, resource):
    if self.policy is None:
        return PermissionResult.NEUTRAL
    document = json.loads(self.policy.decode())
    statements = document["Statement"] if isinstance(document["Statement"], list) else [document["Statement"]]
    document["Statement"] = [statement for statement in statements if applies_to_tls_requests(statement)]
    return IAMPolicy(json.dumps(document)).is_action_permitted(action, resource)


_create_db_instance_read_replica = RDSBackend.create_db_instance_read_replica


def create_db_instance_read_replica(self, db_kwargs):
    if self.arn_regex.match(db_kwargs["source_db_instance_identifier"]):
        db_kwargs = {"backend": self, **db_kwargs}
    return _create_db_instance_read_replica(self, db_kwargs)


class NotImplementedByMoto(ServiceException):
    code = "NotImplemented"


_call_action = BaseResponse.call_action


def call_action(self):
    try:
        return _call_action(self)
    except NotImplementedError as error:
        error = NotImplementedByMoto(f"moto {self.__class__.__name__}: {error} (conformance/emulator/server.py)")
        _, headers, body = self.serialized(ActionResult(error))
        return 400, headers, body


_dispatch = DomainDispatcherApplication.__call__

# Services whose SDKs call them in rpc-v2-cbor, by the protocol's path prefix (the service's JSON target prefix).
CBOR_SERVICES = {"GraniteServiceVersion20100801": "cloudwatch"}
CBOR_PATH = re.compile(r"^/service/(\w+)/operation/(\w+)$")


def cbor_encode(value):
    """CBOR (RFC 8949) of a parsed botocore value: maps, lists, text, bytes, integers, floats, booleans, None, and
    datetimes as tag 1 (epoch seconds), which is how rpc-v2-cbor carries timestamps."""
    def head(major, length):
        if length < 24:
            return bytes([major << 5 | length])
        for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
            if length < 1 << (8 * size):
                return bytes([major << 5 | info]) + length.to_bytes(size, "big")
        raise ValueError(f"CBOR length too large: {length}")
    if value is None:
        return b"\xf6"
    if value is True or value is False:
        return b"\xf5" if value else b"\xf4"
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, datetime.datetime):
        return b"\xc1" + cbor_encode(value.timestamp())
    if isinstance(value, str):
        data = value.encode()
        return head(3, len(data)) + data
    if isinstance(value, (bytes, bytearray)):
        return head(2, len(value)) + bytes(value)
    if isinstance(value, (list, tuple)):
        return head(4, len(value)) + b"".join(cbor_encode(item) for item in value)
    if isinstance(value, dict):
        return head(5, len(value)) + b"".join(cbor_encode(k) + cbor_encode(v) for k, v in value.items())
    raise TypeError(f"no CBOR encoding for {type(value).__name__}")


def cbor_bridge(self, environ, start_response, service, operation):
    model = botocore.session.get_session().get_service_model(service).operation_model(operation)
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length) if length else b""
    parser = RpcV2CBORParser()
    params = parser._initial_body_parse(body) if body else {}
    request = create_serializer("json").serialize_to_request(params or {}, model)
    inner = dict(environ, PATH_INFO="/", CONTENT_TYPE=request["headers"]["Content-Type"],
                 HTTP_X_AMZ_TARGET=request["headers"]["X-Amz-Target"], CONTENT_LENGTH=str(len(request["body"])))
    inner["wsgi.input"] = io.BytesIO(request["body"])
    inner.pop("HTTP_CONTENT_TYPE", None)
    answer = {}

    def capture(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, headers
    text = b"".join(_dispatch(self, inner, capture))
    code = int(answer["status"].split()[0])
    headers = {"smithy-protocol": "rpc-v2-cbor", "Content-Type": "application/cbor"}
    if code >= 300:
        error = json.loads(text or b"{}")
        kind = error.get("__type") or dict(answer["headers"]).get("x-amzn-ErrorType", "InternalFailure")
        out = cbor_encode({"__type": kind.split("#")[-1], "message": error.get("message", error.get("Message", ""))})
    elif model.output_shape is None:
        out = cbor_encode({})
    else:
        parsed = create_parser("json").parse({"body": text, "headers": dict(answer["headers"]), "status_code": 200},
                                             model.output_shape)
        parsed.pop("ResponseMetadata", None)
        out = cbor_encode(parsed)
    return Response(out, status=code, headers=headers)(environ, start_response)


def dispatch(self, environ, start_response):
    cbor = CBOR_PATH.match(environ.get("PATH_INFO", ""))
    if cbor and cbor.group(1) in CBOR_SERVICES:
        return cbor_bridge(self, environ, start_response, CBOR_SERVICES[cbor.group(1)], cbor.group(2))
    # A signed request for a service moto has no backend for (moto itself would fail with an AttributeError, a 500).
    if environ.get("HTTP_AUTHORIZATION") and not self.get_backend_for_host(environ.get("HTTP_HOST")):
        host = self.infer_service_region_host(environ, environ.get("PATH_INFO", ""))
        if host and not self.get_backend_for_host(host):
            message = f"moto has no service for {host} (conformance/emulator/server.py)"
            response = Response(json.dumps({"__type": "NotImplemented", "message": message}), status=400,
                                headers={"x-amzn-ErrorType": "NotImplemented"}, content_type="application/json")
            return response(environ, start_response)
    return _dispatch(self, environ, start_response)


# The HealthCheckConfig of each CreateHealthCheck, by caller reference, for the backend's create that follows.
HEALTH_CHECK_CONFIGS = {}
_create_health_check_response = Route53.create_health_check
_create_health_check = Route53Backend.create_health_check
_health_check_config = HealthCheck.health_check_config.fget
ENDPOINT_CHECK_FIELDS = ("IPAddress", "Port", "RequestInterval", "FailureThreshold", "MeasureLatency")


def create_health_check_response(self):
    HEALTH_CHECK_CONFIGS[self._get_param("CallerReference")] = self._get_param("HealthCheckConfig") or {}
    return _create_health_check_response(self)


def create_health_check(self, caller_reference, health_check_args):
    check = _create_health_check(self, caller_reference, health_check_args)
    config = HEALTH_CHECK_CONFIGS.pop(caller_reference, {})
    check.alarm_identifier = config.get("AlarmIdentifier")
    check.insufficient_data_health_status = config.get("InsufficientDataHealthStatus")
    return check


def health_check_config(self):
    config = _health_check_config(self)
    if self.type_ == "CLOUDWATCH_METRIC":
        for field in ENDPOINT_CHECK_FIELDS:
            config.pop(field, None)
        config["AlarmIdentifier"] = getattr(self, "alarm_identifier", None)
        config["InsufficientDataHealthStatus"] = getattr(self, "insufficient_data_health_status", None)
    return config


_set_members_disabled = ReplicationGroup._set_node_members_clusters_disabled


def set_members_disabled(self, *, num_cache_clusters, replicas_per_node_group, **kwargs):
    return _set_members_disabled(self, num_cache_clusters=num_cache_clusters,
                                 replicas_per_node_group=replicas_per_node_group or num_cache_clusters - 1, **kwargs)


DomainDispatcherApplication.__call__ = dispatch
Route53.create_health_check = create_health_check_response
Route53Backend.create_health_check = create_health_check
HealthCheck.health_check_config = property(health_check_config)
ReplicationGroup._set_node_members_clusters_disabled = set_members_disabled
BaseResponse.call_action = call_action
FakeBucket.get_permission = get_permission
S3Response._bucket_response_put = bucket_response_put
ElastiCacheBackend.__init__ = elasticache_init
ElastiCacheBackend.create_replication_group = create_replication_group
ElastiCacheBackend.delete_replication_group = delete_replication_group
EC2ContainerServiceBackend._calculate_task_resource_requirements = staticmethod(task_resources)
SimpleSystemManagerResponse.list_command_invocations = list_command_invocations
EC2ContainerServiceResponse.create_service = create_service
EC2ContainerServiceResponse.update_service = update_service
EC2ContainerServiceResponse.list_service_deployments = list_service_deployments
EC2ContainerServiceResponse.describe_service_deployments = describe_service_deployments
ElastiCacheResponse.delete_cache_subnet_group = delete_cache_subnet_group
ElastiCacheResponse.create_cache_parameter_group = create_cache_parameter_group
ElastiCacheResponse.describe_cache_parameter_groups = describe_cache_parameter_groups
ElastiCacheResponse.modify_cache_parameter_group = modify_cache_parameter_group
ElastiCacheResponse.reset_cache_parameter_group = reset_cache_parameter_group
ElastiCacheResponse.describe_cache_parameters = describe_cache_parameters
ElastiCacheResponse.delete_cache_parameter_group = delete_cache_parameter_group
ApplicationAutoScalingResponse.register_scalable_target = register_scalable_target
ApplicationAutoScalingResponse.list_tags_for_resource = list_tags_for_resource
ApplicationAutoScalingResponse.tag_resource = tag_resource
ApplicationAutoScalingResponse.untag_resource = untag_resource
Monitoring.monitor_instances = set_monitoring("enabled")
RDSBackend.create_db_instance_read_replica = create_db_instance_read_replica
Monitoring.unmonitor_instances = set_monitoring("disabled")

if __name__ == "__main__":
    main(sys.argv[1:])
