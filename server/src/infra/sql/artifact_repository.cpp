#include "infra/crypto/sha256.hpp"
#include "infra/json_columns.hpp"
#include "infra/sql/columns.hpp"
#include "infra/sql/repositories.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sql {

using app::ports::BundleRender;
using app::ports::ConfigBundle;

void ArtifactRepository::InsertCredentialVersion(const domain::CredentialVersion& version) {
    Query query = session_.Prepare(
        "INSERT INTO store_credential_versions (store_id, version, path, state, created_at, "
        "created_by, ended_at, ended_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
    query.OnConflict("another change of this store's credentials came first; try again");
    query.Bind(version.store_id)
        .Bind(version.version)
        .Bind(version.path)
        .Bind(domain::ToString(version.state))
        .Bind(FormatTime(version.created_at))
        .Bind(version.created_by)
        .Bind(OptionalTimeText(version.ended_at))
        .Bind(version.ended_by)
        .Run();
}

void ArtifactRepository::UpdateCredentialVersion(const domain::CredentialVersion& version) {
    Query query = session_.Prepare(
        "UPDATE store_credential_versions SET state = $3, ended_at = $4, ended_by = $5 "
        "WHERE store_id = $1 AND version = $2");
    query.OnConflict("another change of this store's credentials came first; try again");
    query.Bind(version.store_id)
        .Bind(version.version)
        .Bind(domain::ToString(version.state))
        .Bind(OptionalTimeText(version.ended_at))
        .Bind(version.ended_by)
        .Run();
}

std::vector<domain::CredentialVersion> ArtifactRepository::CredentialVersions(
    const std::string& store_id) {
    Query query = session_.Prepare(
        "SELECT store_id, version, path, state, created_at, created_by, ended_at, ended_by "
        "FROM store_credential_versions WHERE store_id = $1 ORDER BY version DESC");
    query.Bind(store_id);
    std::vector<domain::CredentialVersion> versions;
    while (query.Next()) {
        domain::CredentialVersion v;
        v.store_id = query.Text(0);
        v.version = query.Int(1);
        v.path = query.Text(2);
        v.state =
            domain::ParseCredentialState(query.Text(3))
                .value_or(
                    domain::CredentialState::kRevoked);  // the CHECK constraint allows no other
        v.created_at = ReadTime(query, 4);
        v.created_by = query.Text(5);
        v.ended_at = ReadOptionalTime(query, 6);
        v.ended_by = query.Text(7);
        versions.push_back(std::move(v));
    }
    return versions;
}

std::optional<std::string> ArtifactRepository::GetCredentialRef(const std::string& store_id) {
    Query query = session_.Prepare(
        "SELECT path FROM store_credential_versions WHERE store_id = $1 AND state = 'current'");
    query.Bind(store_id);
    if (!query.Next()) {
        return std::nullopt;
    }
    return query.Text(0);
}

std::string ArtifactRepository::PutBundle(const ConfigBundle& bundle,
                                          const std::optional<std::string>& run_id) {
    // Content-addressed: a version rendered before (same archive) is stored once.
    auto sha256 = crypto::Sha256Hex(bundle.content);
    const auto created_at = FormatTime(bundle.created_at);
    session_
        .Prepare(
            "INSERT INTO config_bundle_versions (store_id, sha256, file_name, content, files, "
            "created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (store_id, sha256) DO NOTHING")
        .Bind(bundle.store_id)
        .Bind(sha256)
        .Bind(bundle.file_name)
        .BindBytes(bundle.content)
        .Bind(bundle.files ? std::optional(EncodeBundleFiles(*bundle.files)) : std::nullopt)
        .Bind(created_at)
        .Run();
    session_
        .Prepare(
            "INSERT INTO config_bundle_renders (store_id, sha256, run_id, created_at) "
            "VALUES ($1, $2, $3, $4)")
        .Bind(bundle.store_id)
        .Bind(sha256)
        .Bind(run_id)
        .Bind(created_at)
        .Run();
    return sha256;
}

std::optional<ConfigBundle> ArtifactRepository::GetBundle(const std::string& store_id) {
    Query query = session_.Prepare(
        "SELECT v.store_id, v.file_name, v.content, v.sha256, v.created_at "
        "FROM config_bundle_renders r JOIN config_bundle_versions v "
        "ON v.store_id = r.store_id AND v.sha256 = r.sha256 "
        "WHERE r.store_id = $1 ORDER BY r.id DESC LIMIT 1");
    query.Bind(store_id);
    if (!query.Next()) {
        return std::nullopt;
    }
    return ConfigBundle{query.Text(0), query.Text(1),      query.Bytes(2),
                        query.Text(3), ReadTime(query, 4), std::nullopt};
}

std::optional<ConfigBundle> ArtifactRepository::GetBundleVersion(const std::string& store_id,
                                                                 const std::string& sha256) {
    Query query = session_.Prepare(
        "SELECT store_id, file_name, content, sha256, created_at, files "
        "FROM config_bundle_versions WHERE store_id = $1 AND sha256 = $2");
    query.Bind(store_id).Bind(sha256);
    if (!query.Next()) {
        return std::nullopt;
    }
    const auto files = query.OptionalText(5);
    return ConfigBundle{
        query.Text(0),      query.Text(1),
        query.Bytes(2),     query.Text(3),
        ReadTime(query, 4), files ? std::optional(DecodeBundleFiles(*files)) : std::nullopt};
}

std::vector<BundleRender> ArtifactRepository::ListBundleRenders(const std::string& store_id) {
    Query query = session_.Prepare(
        "SELECT r.id, r.sha256, v.file_name, length(v.content), r.run_id, r.created_at, "
        "CASE WHEN v.files IS NULL THEN 0 ELSE 1 END "
        "FROM config_bundle_renders r JOIN config_bundle_versions v "
        "ON v.store_id = r.store_id AND v.sha256 = r.sha256 "
        "WHERE r.store_id = $1 ORDER BY r.id DESC LIMIT 100");
    query.Bind(store_id);
    std::vector<BundleRender> renders;
    while (query.Next()) {
        renders.push_back({query.Int(0), query.Text(1), query.Text(2), query.Int(3),
                           query.OptionalText(4), ReadTime(query, 5), query.Int(6) != 0});
    }
    return renders;
}

namespace {

std::int64_t MillisSinceEpoch(domain::TimePoint time) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

}  // namespace

void ArtifactRepository::InsertPlan(const domain::ProvisionPlan& plan, domain::TimePoint expires) {
    session_.Prepare("DELETE FROM provision_plans WHERE expires_ms < $1")
        .Bind(MillisSinceEpoch(plan.created_at))
        .Run();
    session_
        .Prepare(
            "INSERT INTO provision_plans (id, store_id, store_version, body, created_at, "
            "created_by, expires_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .Bind(plan.id)
        .Bind(plan.store_id)
        .Bind(plan.store_version)
        .Bind(EncodePlanBody(plan))
        .Bind(FormatTime(plan.created_at))
        .Bind(plan.created_by)
        .Bind(MillisSinceEpoch(expires))
        .Run();
}

std::optional<domain::ProvisionPlan> ArtifactRepository::FindPlan(const std::string& id,
                                                                  domain::TimePoint now) {
    Query query = session_.Prepare(
        "SELECT id, store_id, store_version, body, created_at, created_by FROM provision_plans "
        "WHERE id = $1 AND expires_ms >= $2");
    query.Bind(id).Bind(MillisSinceEpoch(now));
    if (!query.Next()) {
        return std::nullopt;
    }
    domain::ProvisionPlan plan;
    plan.id = query.Text(0);
    plan.store_id = query.Text(1);
    plan.store_version = query.Int(2);
    DecodePlanBody(query.Text(3), plan);
    plan.created_at = ReadTime(query, 4);
    plan.created_by = query.Text(5);
    return plan;
}

}  // namespace store::infra::sql
