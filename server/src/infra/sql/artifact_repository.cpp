#include "infra/crypto/sha256.hpp"
#include "infra/json_columns.hpp"
#include "infra/sql/columns.hpp"
#include "infra/sql/repositories.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sql {

using app::ports::BundleRender;
using app::ports::ConfigBundle;

void ArtifactRepository::PutCredentialRef(const std::string& store_id, const std::string& path,
                                          domain::TimePoint now) {
    session_
        .Prepare(
            "INSERT INTO store_credentials (store_id, path, created_at) VALUES ($1, $2, $3) "
            "ON CONFLICT (store_id) DO UPDATE SET path = excluded.path, "
            "created_at = excluded.created_at")
        .Bind(store_id)
        .Bind(path)
        .Bind(FormatTime(now))
        .Run();
}

std::optional<std::string> ArtifactRepository::GetCredentialRef(const std::string& store_id) {
    Query query = session_.Prepare("SELECT path FROM store_credentials WHERE store_id = $1");
    query.Bind(store_id);
    if (!query.Next()) {
        return std::nullopt;
    }
    return query.Text(0);
}

void ArtifactRepository::DeleteCredentialRef(const std::string& store_id) {
    session_.Prepare("DELETE FROM store_credentials WHERE store_id = $1").Bind(store_id).Run();
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

}  // namespace store::infra::sql
