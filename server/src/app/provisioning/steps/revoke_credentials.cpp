// revoke_credentials: deletes every live version of the store's secrets (the current one and
// any kept for rollback) from the secret store, then marks them revoked. The configuration
// bundle's versions stay as history (the store's status says none is in force). A secret store
// that is down is retried (kDependencyUnavailable).
#include "app/provisioning/steps/steps.hpp"
#include "domain/credentials.hpp"

namespace store::app::provisioning {
namespace {

class RevokeCredentialsStep final : public Step {
public:
    explicit RevokeCredentialsStep(const StepContext& context) : context_(context) {}

    StepOutcome Execute(const domain::Run& run) override {
        std::vector<domain::CredentialVersion> live;
        {
            auto uow = context_.database.Begin(ports::TxKind::kRead);
            for (auto& v : uow->Artifacts().CredentialVersions(run.store_id)) {
                if (v.Live()) {
                    live.push_back(std::move(v));
                }
            }
        }
        if (live.empty()) {
            return {"no credentials to revoke"};
        }
        for (const auto& v : live) {
            context_.secrets.Delete(v.path);  // idempotent
        }
        auto uow = context_.database.Begin(ports::TxKind::kWrite);
        std::string paths;
        for (auto& v : live) {
            v.End(domain::CredentialState::kRevoked, context_.clock.Now(), run.requested_by);
            uow->Artifacts().UpdateCredentialVersion(v);
            paths += (paths.empty() ? "" : ", ") + v.path;
        }
        context_.Audit(*uow, run, "store.credentials_revoked",
                       {{"credentials", Quoted(live.front().path), std::nullopt}});
        uow->Commit();
        return {"revoked " + paths};
    }

private:
    const StepContext& context_;
};

}  // namespace

std::unique_ptr<Step> MakeRevokeCredentialsStep(const StepContext& context) {
    return std::make_unique<RevokeCredentialsStep>(context);
}

}  // namespace store::app::provisioning
