#include "infra/sql/columns.hpp"
#include "infra/sql/repositories.hpp"
#include "infra/time_format.hpp"

namespace store::infra::sql {

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

void ArtifactRepository::PutBundle(const ConfigBundle& bundle) {
    session_
        .Prepare(
            "INSERT INTO config_bundles (store_id, file_name, content, sha256, created_at) "
            "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (store_id) DO UPDATE SET "
            "file_name = excluded.file_name, content = excluded.content, "
            "sha256 = excluded.sha256, created_at = excluded.created_at")
        .Bind(bundle.store_id)
        .Bind(bundle.file_name)
        .BindBytes(bundle.content)
        .Bind(bundle.sha256)
        .Bind(FormatTime(bundle.created_at))
        .Run();
}

std::optional<ConfigBundle> ArtifactRepository::GetBundle(const std::string& store_id) {
    Query query = session_.Prepare(
        "SELECT store_id, file_name, content, sha256, created_at FROM config_bundles "
        "WHERE store_id = $1");
    query.Bind(store_id);
    if (!query.Next()) {
        return std::nullopt;
    }
    return ConfigBundle{query.Text(0), query.Text(1), query.Bytes(2), query.Text(3),
                        ReadTime(query, 4)};
}

void ArtifactRepository::DeleteBundle(const std::string& store_id) {
    session_.Prepare("DELETE FROM config_bundles WHERE store_id = $1").Bind(store_id).Run();
}

}  // namespace store::infra::sql
