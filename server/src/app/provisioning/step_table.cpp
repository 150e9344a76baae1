#include "app/provisioning/step_table.hpp"

#include "app/provisioning/steps/steps.hpp"

namespace store::app::provisioning {

void StepTable::Add(std::string name, std::unique_ptr<Step> step) {
    steps_[std::move(name)] = std::move(step);
}

Step* StepTable::Find(std::string_view name) const {
    const auto it = steps_.find(name);
    return it == steps_.end() ? nullptr : it->second.get();
}

bool StepTable::Wrap(std::string_view name,
                     const std::function<std::unique_ptr<Step>(std::unique_ptr<Step>)>& wrap) {
    const auto it = steps_.find(name);
    if (it == steps_.end()) {
        return false;
    }
    it->second = wrap(std::move(it->second));
    return true;
}

std::vector<std::string> StepTable::Names() const {
    std::vector<std::string> names;
    for (const auto& [name, step] : steps_) {
        names.push_back(name);
    }
    return names;
}

StepTable StandardSteps(const StepContext& context) {
    using domain::LifecycleEvent;
    StepTable table;
    // provision: validate → allocate_network → allocate_hardware → issue_credentials →
    // render_configs → activate
    table.Add("validate", MakeValidateStep(context));
    table.Add("allocate_network", MakeAllocateNetworkStep(context));
    table.Add("allocate_hardware", MakeAllocateHardwareStep(context));
    table.Add("issue_credentials", MakeIssueCredentialsStep(context));
    table.Add("render_configs", MakeRenderConfigsStep(context));
    table.Add("activate", MakeTransitionStep(context, LifecycleEvent::kProvisioningSucceeded));
    // decommission (and rollback, which ends in reset_to_draft instead of archive)
    table.Add("release_hardware", MakeReleaseHardwareStep(context));
    table.Add("revoke_credentials", MakeRevokeCredentialsStep(context));
    table.Add("release_network", MakeReleaseNetworkStep(context));
    table.Add("archive", MakeTransitionStep(context, LifecycleEvent::kDecommissionFinished));
    table.Add("reset_to_draft", MakeTransitionStep(context, LifecycleEvent::kRollback));
    return table;
}

}  // namespace store::app::provisioning
