#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/audit_diff.hpp"
#include "domain/config_render.hpp"
#include "domain/provision_plan.hpp"
#include "domain/store.hpp"
#include "domain/workflow.hpp"

namespace store::infra {

// JSON columns shared by the SQLite (text) and PostgreSQL (jsonb) adapters. Decoding throws
// AppError{kInternal} when a stored value is not what we wrote (a corrupted row).

/// ["a","b"]
std::string EncodeTags(const std::vector<std::string>& tags);
std::vector<std::string> DecodeTags(std::string_view json);

/// {"pos_terminal":4,"router":1}
std::string EncodeHardwarePlan(const std::map<std::string, std::int64_t>& plan);
std::map<std::string, std::int64_t> DecodeHardwarePlan(std::string_view json);

/// [{"purpose":"pos","vlanId":10,"cidr":"10.0.0.0/24"}] with null for absent values.
std::string EncodeNetworkPlan(const std::vector<domain::SegmentPlan>& plan);
std::vector<domain::SegmentPlan> DecodeNetworkPlan(std::string_view json);

/// [{"field":"name","before":"\"Old\"","after":"\"New\""}]: `before`/`after` hold the JSON
/// text of each typed value as a string (the format of rows written before the diff was
/// typed); an absent side is an absent key.
std::string EncodeChanges(const std::vector<domain::FieldChange>& changes);
std::vector<domain::FieldChange> DecodeChanges(std::string_view json);

/// [{"name":"validate","status":"succeeded","attempts":1,"startedAt":"…Z","finishedAt":null,
/// "message":""}]; times in FormatTime's text, null when absent.
std::string EncodeRunSteps(const std::vector<domain::RunStep>& steps);
std::vector<domain::RunStep> DecodeRunSteps(std::string_view json);

/// [{"path":"README.txt","content":"…"}]: the files of a configuration bundle version.
std::string EncodeBundleFiles(const std::vector<domain::BundleFile>& files);
std::vector<domain::BundleFile> DecodeBundleFiles(std::string_view json);

/// A provision plan's decisions: {"segments":[{purpose, vlanId, cidr, gateway, dhcpStart,
/// dhcpEnd, poolId, held}], "devices":[{kind, serial, modelId, vendor, model, held}],
/// "secretPath":"…", "problems":["…"]}. Decoding fills those members of `plan` only.
std::string EncodePlanBody(const domain::ProvisionPlan& plan);
void DecodePlanBody(std::string_view json, domain::ProvisionPlan& plan);

}  // namespace store::infra
