// issue_credentials: generates the store's device and Wi-Fi secrets into the secret store as a
// new current version (domain/credentials.hpp) and records where they are. A store provisioned
// again after a rollback gets a new version; an earlier attempt of this run that wrote the
// row but lost its secret writes it again. A secret store that is down is retried
// (kDependencyUnavailable).
#include "app/provisioning/steps/steps.hpp"
#include "domain/credentials.hpp"

namespace store::app::provisioning {
namespace {

class IssueCredentialsStep final : public Step {
public:
    explicit IssueCredentialsStep(const StepContext& context) : context_(context) {}

    StepOutcome Execute(const domain::Run& run) override {
        const auto store = context_.LoadStore(run.store_id);
        std::vector<domain::CredentialVersion> versions;
        {
            auto uow = context_.database.Begin(ports::TxKind::kRead);
            versions = uow->Artifacts().CredentialVersions(store.id);
        }
        const auto* current = domain::CurrentCredential(versions);
        if (current != nullptr && context_.secrets.Get(current->path)) {
            return {"credentials were already issued (" + current->path + ", version " +
                    std::to_string(current->version) + ")"};
        }
        domain::CredentialVersion version;
        version.store_id = store.id;
        version.version =
            current != nullptr ? current->version : domain::NextCredentialVersion(versions);
        version.path = domain::CredentialVersionPath(store.id, version.version);
        version.created_at = context_.clock.Now();
        version.created_by = run.requested_by;
        context_.secrets.Put(version.path, NewStoreSecret(context_.random));
        auto uow = context_.database.Begin(ports::TxKind::kWrite);
        if (current == nullptr) {
            uow->Artifacts().InsertCredentialVersion(version);
        }
        context_.Audit(*uow, run, "store.credentials_issued",
                       {{"credentials", std::nullopt, Quoted(version.path)}});
        uow->Commit();
        return {"issued device admin password and Wi-Fi keys into " + version.path};
    }

private:
    const StepContext& context_;
};

}  // namespace

std::unique_ptr<Step> MakeIssueCredentialsStep(const StepContext& context) {
    return std::make_unique<IssueCredentialsStep>(context);
}

}  // namespace store::app::provisioning
