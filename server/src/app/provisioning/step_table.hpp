#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/provisioning/step.hpp"

namespace store::app::provisioning {

/// The steps by name (the names `domain::StepsOf` lists and runs store). The worker looks a
/// step up here; nothing else chooses a step.
class StepTable {
public:
    void Add(std::string name, std::unique_ptr<Step> step);
    /// nullptr for a name no step is registered under.
    Step* Find(std::string_view name) const;
    /// Replaces the step under `name` by `wrap(step)`: the seam for decorators such as the
    /// test-only fault injection (jobs/fault_injection.hpp). False for an unknown name.
    bool Wrap(std::string_view name,
              const std::function<std::unique_ptr<Step>(std::unique_ptr<Step>)>& wrap);
    std::vector<std::string> Names() const;

private:
    std::map<std::string, std::unique_ptr<Step>, std::less<>> steps_;
};

/// Every step of every run kind, each registered once. `context` must outlive the table.
StepTable StandardSteps(const StepContext& context);

}  // namespace store::app::provisioning
