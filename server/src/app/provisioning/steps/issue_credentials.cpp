// issue_credentials: generates the store's device and Wi-Fi secrets into the secret store and
// records where they are. A secret store that is down is retried (kDependencyUnavailable).
#include "app/provisioning/steps/steps.hpp"

namespace store::app::provisioning {
namespace {

class IssueCredentialsStep final : public Step {
public:
    explicit IssueCredentialsStep(const StepContext& context) : context_(context) {}

    StepOutcome Execute(const domain::Run& run) override {
        const auto store = context_.LoadStore(run.store_id);
        const std::string path = CredentialPath(store.id);
        {
            auto uow = context_.database.Begin(ports::TxKind::kRead);
            const auto ref = uow->Artifacts().GetCredentialRef(store.id);
            if (ref && context_.secrets.Get(*ref)) {
                return {"credentials were already issued (" + *ref + ")"};
            }
        }
        auto& random = context_.random;
        ports::Secret secret{{"device_admin_password", random.NewToken(18)},
                             {"wifi_guest_psk", random.NewToken(12)},
                             {"wifi_corporate_psk", random.NewToken(18)}};
        context_.secrets.Put(path, secret);  // kDependencyUnavailable when the store is down
        auto uow = context_.database.Begin(ports::TxKind::kWrite);
        uow->Artifacts().PutCredentialRef(store.id, path, context_.clock.Now());
        context_.Audit(*uow, run, "store.credentials_issued",
                       {{"credentials", std::nullopt, Quoted(path)}});
        uow->Commit();
        return {"issued device admin password and Wi-Fi keys into " + path};
    }

private:
    const StepContext& context_;
};

}  // namespace

std::unique_ptr<Step> MakeIssueCredentialsStep(const StepContext& context) {
    return std::make_unique<IssueCredentialsStep>(context);
}

}  // namespace store::app::provisioning
