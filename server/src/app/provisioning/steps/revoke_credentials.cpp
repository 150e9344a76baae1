// revoke_credentials: deletes the store's secrets from the secret store, then its reference. The
// configuration bundle's versions stay as history (the store's status says none is in force).
// A secret store that is down is retried (kDependencyUnavailable).
#include "app/provisioning/steps/steps.hpp"

namespace store::app::provisioning {
namespace {

class RevokeCredentialsStep final : public Step {
public:
    explicit RevokeCredentialsStep(const StepContext& context) : context_(context) {}

    StepOutcome Execute(const domain::Run& run) override {
        std::optional<std::string> ref;
        {
            auto uow = context_.database.Begin(ports::TxKind::kRead);
            ref = uow->Artifacts().GetCredentialRef(run.store_id);
        }
        if (ref) {
            context_.secrets.Delete(*ref);  // idempotent
        }
        auto uow = context_.database.Begin(ports::TxKind::kWrite);
        uow->Artifacts().DeleteCredentialRef(run.store_id);
        if (ref) {
            context_.Audit(*uow, run, "store.credentials_revoked",
                           {{"credentials", Quoted(*ref), std::nullopt}});
        }
        uow->Commit();
        return {ref ? "revoked " + *ref : std::string("no credentials to revoke")};
    }

private:
    const StepContext& context_;
};

}  // namespace

std::unique_ptr<Step> MakeRevokeCredentialsStep(const StepContext& context) {
    return std::make_unique<RevokeCredentialsStep>(context);
}

}  // namespace store::app::provisioning
