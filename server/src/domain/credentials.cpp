#include "domain/credentials.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace store::domain {

namespace {

constexpr std::array<std::pair<CredentialState, std::string_view>, 4> kStates{{
    {CredentialState::kCurrent, "current"},
    {CredentialState::kKept, "kept"},
    {CredentialState::kReleased, "released"},
    {CredentialState::kRevoked, "revoked"},
}};

std::string WhyNot(const CredentialVersion& version, std::string_view verb) {
    const std::string name = "version " + std::to_string(version.version);
    switch (version.state) {
        case CredentialState::kKept: return {};
        case CredentialState::kCurrent:
            return name + " is current: rotate first, then " + std::string(verb) +
                   " the version before it";
        case CredentialState::kReleased:
        case CredentialState::kRevoked:
            return name + " was " + std::string(ToString(version.state)) + ": its secrets are gone";
    }
    return {};
}

}  // namespace

std::string_view ToString(CredentialState state) {
    for (const auto& [value, text] : kStates) {
        if (value == state) {
            return text;
        }
    }
    return "current";
}

std::optional<CredentialState> ParseCredentialState(std::string_view text) {
    for (const auto& [value, name] : kStates) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

bool CredentialVersion::Live() const {
    return state == CredentialState::kCurrent || state == CredentialState::kKept;
}

void CredentialVersion::End(CredentialState ended, TimePoint at, std::string by) {
    state = ended;
    ended_at = at;
    ended_by = std::move(by);
}

std::string CredentialVersionPath(const std::string& store_id, std::int64_t version) {
    std::string path = "stores/" + store_id + "/credentials";
    if (version > 1) {
        path += "/v" + std::to_string(version);
    }
    return path;
}

std::int64_t NextCredentialVersion(const std::vector<CredentialVersion>& versions) {
    std::int64_t highest = 0;
    for (const auto& v : versions) {
        highest = std::max(highest, v.version);
    }
    return highest + 1;
}

const CredentialVersion* CurrentCredential(const std::vector<CredentialVersion>& versions) {
    const auto it = std::find_if(versions.begin(), versions.end(), [](const auto& v) {
        return v.state == CredentialState::kCurrent;
    });
    return it == versions.end() ? nullptr : &*it;
}

std::optional<TimePoint> RotationDueAt(const std::vector<CredentialVersion>& versions,
                                       std::chrono::seconds max_age) {
    const auto* current = CurrentCredential(versions);
    if (current == nullptr || max_age <= std::chrono::seconds::zero()) {
        return std::nullopt;
    }
    return current->created_at + max_age;
}

std::string WhyNotRestorable(const CredentialVersion& version) {
    if (version.state == CredentialState::kCurrent) {
        return "version " + std::to_string(version.version) + " is current already";
    }
    return WhyNot(version, "restore");
}

std::string WhyNotReleasable(const CredentialVersion& version) {
    return WhyNot(version, "release");
}

}  // namespace store::domain
